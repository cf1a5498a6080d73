package io.stockflow.forecasting.accuracy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Accuracy of one model over a group of series — all of them, one segment, or one series. MASE, sMAPE, MAPE and
 * bias are means over the series' own values; WAPE pools every day (Σ|error| / Σ actual); RMSE pools every day.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccuracyRow(String model, String segment, String storeId, String productId, long series, long days,
                          Double mae, Double rmse, Double mape, Double smape, Double mase, Double wape, Double bias) {
}
