package io.stockflow.common.forecast;

import java.time.LocalDate;
import java.util.Map;

/** One forecast day: mean demand and demand at each quantile level ({@code p10}, {@code p50}, …). */
public record ForecastDay(LocalDate date, double point, Map<String, Double> quantiles) {
}
