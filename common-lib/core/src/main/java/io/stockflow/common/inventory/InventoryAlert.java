package io.stockflow.common.inventory;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Payload of {@code inventory.alert.raised} and {@code inventory.alert.cleared} on {@code inventory.alerts} (key
 * {@code store_id|product_id}). An alert is raised once when its condition starts and cleared once when it ends;
 * {@code episode} numbers the raisings of one (series, kind), so the pair identifies an alert.
 *
 * @param kind                  {@code stockout_risk} (forecast lead-time demand exceeds available stock),
 *                              {@code below_reorder_point}, {@code overstock} or {@code dead_stock}
 * @param severity              {@code critical}, {@code warning} or {@code info}
 * @param available             on hand + on order − allocated
 * @param leadTimeDemand        forecast mean demand over the lead time; null where no forecast exists
 * @param projectedStockoutDate the first day on-hand stock runs out on forecast demand; null when not within the
 *                              forecast
 * @param daysWithoutMovement   for dead stock; null otherwise
 */
public record InventoryAlert(String storeId, String productId, String kind, int episode, String severity,
                             String message, double onHand, double onOrder, double allocated, double available,
                             Double leadTimeDays, Double leadTimeDemand, Double reorderPoint, Double daysOfCover,
                             LocalDate projectedStockoutDate, Long daysWithoutMovement, Instant at) {
}
