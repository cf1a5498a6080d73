package io.stockflow.inventory.simulation;

/**
 * One item as the simulator sees it: its demand, money and supply.
 *
 * <p>Lead times are whole days: an order placed at the review on day t with lead time ℓ is on the shelf on day
 * t + ℓ (received before that day's sales). Each order's lead time is drawn independently — max(1, round(L + σ·Z))
 * for a standard normal Z — so a later order may overtake an earlier one, as the lead-time variance formula
 * sqrt(L·σ_d² + d²·σ_L²) of lead-time demand assumes.
 *
 * @param id                   the item's key in the results
 * @param demand               its daily demand
 * @param unitPrice            selling price a unit
 * @param unitCost             purchase cost a unit
 * @param orderingCost         fixed cost of placing one order
 * @param holdingCostRate      share of the unit cost that holding a unit for a year costs (0.25 = 25%/year)
 * @param shortageCostPerUnit  cost of a unit of demand lost; null for the lost margin (price − cost) at the day's
 *                             price
 * @param leadTimeDays         mean lead time, days (at least 1)
 * @param leadTimeStdDevDays   its standard deviation, days
 * @param minimumOrderQuantity the smallest order the supplier takes (1 for none)
 * @param packSize             orders are whole packs of this many units (1 for single units)
 * @param initialOnHand        units on hand before the first simulated day; null for the mean lead-time demand
 *                             plus half an economic order quantity — the average stock position of an (r, Q) policy
 *                             without safety stock — the same for every policy
 */
public record SimulatedItem(String id, DemandModel demand, double unitPrice, double unitCost, double orderingCost,
                            double holdingCostRate, Double shortageCostPerUnit, double leadTimeDays,
                            double leadTimeStdDevDays, int minimumOrderQuantity, int packSize,
                            Integer initialOnHand) {

    /** An item with single-unit orders, lost margin as shortage cost and the default initial stock. */
    public static SimulatedItem of(String id, DemandModel demand, double unitPrice, double unitCost,
                                   double orderingCost, double holdingCostRate, double leadTimeDays,
                                   double leadTimeStdDevDays) {
        return new SimulatedItem(id, demand, unitPrice, unitCost, orderingCost, holdingCostRate, null,
                leadTimeDays, leadTimeStdDevDays, 1, 1, null);
    }

    /** Holding cost of one unit on hand at the end of one day. */
    double holdingCostPerUnitDay() {
        return holdingCostRate * unitCost / 365;
    }

    /** Cost of a unit of demand lost when the price is {@code price}. */
    double shortageCost(double price) {
        return shortageCostPerUnit != null ? shortageCostPerUnit : Math.max(0, price - unitCost);
    }

    /** A positive order raised to the minimum and then to whole packs. */
    int roundOrder(long units) {
        if (units <= 0) {
            return 0;
        }
        long atLeastMinimum = Math.max(units, minimumOrderQuantity);
        long packs = (atLeastMinimum + packSize - 1) / packSize;
        return (int) Math.min(Integer.MAX_VALUE / 4, packs * packSize);
    }

    void validate(String field) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(field + ".id is required");
        }
        Validation.requireNonNull(demand, field + ".demand").validate(field + ".demand");
        Validation.requireRange(unitCost, 1e-6, 1e9, field + ".unitCost");
        Validation.requireRange(unitPrice, 0, 1e9, field + ".unitPrice");
        Validation.requireRange(orderingCost, 0, 1e9, field + ".orderingCost");
        Validation.requireRange(holdingCostRate, 1e-6, 10, field + ".holdingCostRate");
        if (shortageCostPerUnit != null) {
            Validation.requireRange(shortageCostPerUnit, 0, 1e9, field + ".shortageCostPerUnit");
        }
        Validation.requireRange(leadTimeDays, 1, 365, field + ".leadTimeDays");
        Validation.requireRange(leadTimeStdDevDays, 0, 180, field + ".leadTimeStdDevDays");
        Validation.requireRange(minimumOrderQuantity, 1, 1e7, field + ".minimumOrderQuantity");
        Validation.requireRange(packSize, 1, 1e7, field + ".packSize");
        if (initialOnHand != null) {
            Validation.requireRange(initialOnHand, 0, 1e8, field + ".initialOnHand");
        }
    }
}
