package io.stockflow.common.synthetic;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A promotion of one SKU in every store: for a few days it sells at a discount, flagged {@code promotion=true},
 * and its expected demand is multiplied by {@code uplift}.
 *
 * @param firstDay        first day on promotion
 * @param lastDay         last day on promotion, inclusive
 * @param discountPercent price reduction, e.g. 25 for 25 % off
 * @param price           the promotional unit price
 * @param uplift          factor on expected demand while it runs, 1.5 to 3
 */
public record PromotionWindow(
        String productId,
        LocalDate firstDay,
        LocalDate lastDay,
        int discountPercent,
        BigDecimal price,
        double uplift) {

    public boolean covers(LocalDate date) {
        return !date.isBefore(firstDay) && !date.isAfter(lastDay);
    }
}
