package io.stockflow.forecasting.forecast;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * {@code POST /api/ml/forecast}: every store × product pair is one series.
 *
 * @param models        model names; {@code ensemble} when absent
 * @param leadTimeDays  lead times whose total demand is also forecast; by default 7, 14 and 28 days within the
 *                      horizon, and the whole horizon
 */
public record ForecastRequest(@NotEmpty List<@NotNull String> productIds, @NotEmpty List<@NotNull String> storeIds,
                              @NotNull Integer forecastHorizonDays, List<@NotNull String> models,
                              List<@NotNull Integer> leadTimeDays) {
}
