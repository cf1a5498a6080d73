package io.stockflow.inventory.item;

/** A supplier's lead time to one store as its last receipts show it; {@code inUse} once there are enough. */
public record LearnedLeadTime(String storeId, int observations, double meanDays, double sdDays, boolean inUse) {
}
