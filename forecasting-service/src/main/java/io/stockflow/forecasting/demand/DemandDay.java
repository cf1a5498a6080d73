package io.stockflow.forecasting.demand;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One recorded day of a series: units sold (the demand), units returned, units sold on promotion, net revenue. */
public record DemandDay(LocalDate date, BigDecimal unitsSold, BigDecimal unitsReturned, BigDecimal promoUnits,
                        BigDecimal revenue) {
}
