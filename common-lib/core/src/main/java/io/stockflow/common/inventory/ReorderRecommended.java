package io.stockflow.common.inventory;

import java.time.LocalDate;

/**
 * Payload of {@code reorder.recommended} on {@code reorder.recommended} (key {@code store_id|product_id}): the
 * position fell to its reorder point and this is what to order now.
 *
 * @param quantity        rounded to the supplier's minimum order and pack size
 * @param urgency         {@code critical} (stock runs out before an order placed today arrives), {@code high}
 *                        (below the reorder point) or {@code normal}
 * @param available       on hand + on order − allocated
 * @param policyDay       the day the recommendation was made for (one recommendation per series and day)
 */
public record ReorderRecommended(String storeId, String productId, String supplierId, double quantity,
                                 String urgency, double available, double reorderPoint, double orderUpTo,
                                 double safetyStock, double leadTimeDays, double leadTimeDemand,
                                 Double daysOfCover, LocalDate projectedStockoutDate, double targetFillRate,
                                 LocalDate policyDay) {
}
