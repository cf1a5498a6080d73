package io.stockflow.inventory.item;

/**
 * An item's terms with every fallback applied: what planning uses.
 *
 * @param leadTimeSource        {@code item} (set on the item), {@code learned} (from receipts) or {@code supplier}
 *                              (agreed)
 * @param leadTimeObservations  receipts seen for the item's supplier and store
 * @param capacityPerOrder      the supplier's limit on one order; null for none
 */
public record ResolvedTerms(ItemTerms item, String supplierName, double orderingCost, double leadTimeDays,
                            double leadTimeSdDays, String leadTimeSource, int leadTimeObservations,
                            Double capacityPerOrder) {

    public double unitCost() {
        return item.unitCost().doubleValue();
    }

    public double holdingCostRate() {
        return item.holdingCostRate().doubleValue();
    }

    public double targetFillRate() {
        return item.targetFillRate().doubleValue();
    }

    /** The largest single order: the item's maximum and the supplier's capacity, whichever is smaller. */
    public Double maxOrder() {
        Double itemMax = item.maxOrderQuantity() == null ? null : item.maxOrderQuantity().doubleValue();
        if (itemMax == null) {
            return capacityPerOrder;
        }
        return capacityPerOrder == null ? itemMax : Math.min(itemMax, capacityPerOrder);
    }
}
