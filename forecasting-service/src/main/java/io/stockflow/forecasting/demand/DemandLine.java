package io.stockflow.forecasting.demand;

import io.stockflow.common.pos.PosTransaction;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What one POS line adds to its series' day: a sale adds units sold (and, when on promotion, promotion units), a
 * return (negative quantity) adds units returned. Revenue is net of returns.
 */
public record DemandLine(UUID eventId, String storeId, String productId, LocalDate day, BigDecimal sold,
                         BigDecimal returned, BigDecimal promoUnits, BigDecimal revenue) {

    /** The line counted on its own local day, however late it arrives. */
    public static DemandLine of(UUID eventId, PosTransaction line, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(line.transactionTimestamp(), zone);
        BigDecimal quantity = line.quantity();
        boolean sale = quantity.signum() > 0;
        BigDecimal sold = sale ? quantity : BigDecimal.ZERO;
        BigDecimal returned = sale ? BigDecimal.ZERO : quantity.negate();
        BigDecimal promoUnits = sale && Boolean.TRUE.equals(line.promotion()) ? quantity : BigDecimal.ZERO;
        return new DemandLine(eventId, line.storeId(), line.productId(), day, sold, returned, promoUnits,
                quantity.multiply(line.unitPrice()));
    }
}
