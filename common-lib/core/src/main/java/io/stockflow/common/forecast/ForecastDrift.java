package io.stockflow.common.forecast;

import java.time.LocalDate;

/**
 * Payload of {@code forecast.drift.detected} on {@code forecast.drift} (key {@code store_id|product_id}): live
 * errors of a series' forecasts have drifted to one side.
 *
 * @param trackingSignal  sum of errors (actual − forecast) over the window divided by their mean absolute error
 * @param threshold       the |tracking signal| beyond which drift is declared
 * @param direction       {@code under_forecast} (demand above forecast) or {@code over_forecast}
 * @param cusum           the larger one-sided CUSUM of standardised errors at the end of the window
 */
public record ForecastDrift(String storeId, String productId, long modelVersion, LocalDate windowStart,
                            LocalDate windowEnd, int days, double trackingSignal, double threshold,
                            double meanError, double meanAbsoluteError, double cusum, String direction) {
}
