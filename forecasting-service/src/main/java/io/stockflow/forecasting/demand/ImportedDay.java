package io.stockflow.forecasting.demand;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One day of a series from a history import: it replaces whatever that day held. */
public record ImportedDay(String storeId, String productId, LocalDate day, BigDecimal unitsSold,
                          BigDecimal unitsReturned, BigDecimal promoUnits, BigDecimal revenue) {
}
