package io.stockflow.inventory.optimize;

/**
 * What every policy must respect; a null field is no constraint.
 *
 * @param minServiceLevel   fill-rate floor for every item: the share of its demand met from stock,
 *                          β = 1 − n(r)/Q ≥ this, in (0, 1)
 * @param maxStockoutRisk   ceiling on every item's chance of a stockout in a replenishment cycle, P(X &gt; r) ≤
 *                          this, in (0, 1) (i.e. a cycle-service-level floor of 1 − this)
 * @param budget            ceiling on the average inventory investment, Σ c·(Q/2 + E[(r − X)⁺]): every item's
 *                          average stock on hand valued at unit cost (the money tied up in stock on an average day)
 * @param warehouseCapacity ceiling on Σ v·(Q + E[(r − X)⁺]): every item's expected stock just after a replenishment
 *                          arrives, in volume units — the space needed should every item's delivery arrive at once
 */
public record Constraints(Double minServiceLevel, Double maxStockoutRisk, Double budget, Double warehouseCapacity) {

    public static final Constraints NONE = new Constraints(null, null, null, null);

    public Constraints {
        InvalidInputException.requireLevel(minServiceLevel, ConstraintKind.MIN_SERVICE_LEVEL.field());
        InvalidInputException.requireLevel(maxStockoutRisk, ConstraintKind.MAX_STOCKOUT_RISK.field());
        if (budget != null) {
            InvalidInputException.requirePositive(budget, ConstraintKind.BUDGET.field(), null);
        }
        if (warehouseCapacity != null) {
            InvalidInputException.requirePositive(warehouseCapacity, ConstraintKind.WAREHOUSE_CAPACITY.field(), null);
        }
    }

    public Constraints withMinServiceLevel(Double level) {
        return new Constraints(level, maxStockoutRisk, budget, warehouseCapacity);
    }

    public Constraints withMaxStockoutRisk(Double risk) {
        return new Constraints(minServiceLevel, risk, budget, warehouseCapacity);
    }

    public Constraints withBudget(Double amount) {
        return new Constraints(minServiceLevel, maxStockoutRisk, amount, warehouseCapacity);
    }

    public Constraints withWarehouseCapacity(Double capacity) {
        return new Constraints(minServiceLevel, maxStockoutRisk, budget, capacity);
    }
}
