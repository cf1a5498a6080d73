package io.stockflow.forecasting.publish;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.common.messaging.EventPublisher;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Forecasting's events. Event ids are derived from what the event states (series and model version; series and
 * drift window), so a run repeated after a crash republishes the same ids and consumers drop the copies.
 */
public class ForecastEvents {

    private final EventPublisher publisher;
    private final Clock clock;

    public ForecastEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    public CompletableFuture<?> updated(ForecastUpdated forecast) {
        return publisher.publish(Topics.FORECASTS_UPDATED, EventTypes.FORECAST_UPDATED,
                DeterministicUuid.of("forecast-updated:" + Topics.FORECASTS_UPDATED.keyOf(forecast) + ":"
                        + forecast.modelVersion()), clock.instant(), forecast);
    }

    public CompletableFuture<?> drift(ForecastDrift drift) {
        return publisher.publish(Topics.FORECAST_DRIFT, EventTypes.FORECAST_DRIFT_DETECTED,
                DeterministicUuid.of("forecast-drift:" + Topics.FORECAST_DRIFT.keyOf(drift) + ":"
                        + drift.windowEnd()), clock.instant(), drift);
    }
}
