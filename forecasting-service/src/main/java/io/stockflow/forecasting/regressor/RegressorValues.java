package io.stockflow.forecasting.regressor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code PUT /api/ml/regressors/{name}}: daily values of a named input — a promotions calendar (share of the day on
 * promotion), a holiday or event (1 on its days), a price, a temperature — for one store and product, or for all of
 * them ({@code "*"}, the default). Values for future days let the models use them over the forecast.
 */
public record RegressorValues(
        @Pattern(regexp = "\\*|[A-Za-z0-9._:\\-]{1,64}", message = "must be '*' or a store id") String storeId,
        @Pattern(regexp = "\\*|[A-Za-z0-9._:\\-]{1,64}", message = "must be '*' or a product id") String productId,
        @NotEmpty @Size(max = 5000) List<@Valid @NotNull Value> values) {

    public record Value(@NotNull LocalDate date, @NotNull Double value) {
    }
}
