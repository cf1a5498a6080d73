package io.stockflow.forecasting.forecast;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /api/ml/forecast}: point forecasts and quantiles per series, day and lead time. */
@RestController
class ForecastController {

    private final ForecastService forecasts;

    ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @PostMapping("/api/ml/forecast")
    Mono<ForecastResponse> forecast(@Valid @RequestBody ForecastRequest request) {
        return forecasts.forecast(request);
    }
}
