package io.stockflow.common.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Payload of {@code forecast.updated} on {@code forecasts.updated} (key {@code store_id|product_id}): a series'
 * new forecast, with what inventory needs to set safety stock — daily quantiles and lead-time totals.
 *
 * @param modelVersion  the registry version whose training produced it
 * @param historyEnd    the last day of demand it was made from; {@code daily[0]} is the day after
 * @param quantiles     level names in the order of every {@code quantiles} map, e.g. {@code p10, p50, p90}
 * @param members       the models combined, with their weights
 */
public record ForecastUpdated(String storeId, String productId, long modelVersion, String model,
                              LocalDate historyEnd, List<String> quantiles, List<ForecastDay> daily,
                              List<LeadTimeTotal> leadTimeTotals, Map<String, Double> members) {
}
