package io.stockflow.inventory.forecast;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;

import java.time.LocalDate;
import java.util.List;

/** The latest forecast of a series as {@code forecasts.updated} delivered it. */
public record StoredForecast(String storeId, String productId, long modelVersion, LocalDate historyEnd,
                             List<String> quantiles, List<ForecastDay> daily, List<LeadTimeTotal> leadTimeTotals) {
}
