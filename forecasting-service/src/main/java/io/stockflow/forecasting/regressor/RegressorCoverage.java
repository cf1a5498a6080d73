package io.stockflow.forecasting.regressor;

import java.time.LocalDate;

/** Which days of a regressor are given, for one store and product (or {@code '*'} for all). */
public record RegressorCoverage(String name, String storeId, String productId, LocalDate firstDay, LocalDate lastDay,
                                long days) {
}
