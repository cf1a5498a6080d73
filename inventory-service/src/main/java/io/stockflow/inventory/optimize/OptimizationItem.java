package io.stockflow.inventory.optimize;

import io.stockflow.inventory.policy.LeadTimeDemand;

/**
 * One SKU-location to optimise. Quantities are in units, money in the item's currency, time in years.
 *
 * @param id                   the SKU-location's identifier, unique in a request
 * @param leadTimeDemand       demand over the replenishment lead time (normal, or from forecast quantiles)
 * @param annualDemand         D, units a year (positive; items with no demand need no policy)
 * @param unitCost             c, what a unit costs
 * @param orderingCost         K, fixed cost of an order
 * @param holdingCostRate      h, share of c that holding a unit for a year costs
 * @param shortageCost         b, cost of each unit demanded when out of stock (backordered: goodwill, expediting)
 * @param unitVolume           v, space a unit takes (1 counts units)
 * @param minimumOrderQuantity the supplier's minimum order (0 for none)
 * @param packSize             orders are whole multiples of this (1 for single units)
 * @param maximumOrderQuantity the largest order the supplier or the dock takes, or null for none
 */
public record OptimizationItem(String id, LeadTimeDemand leadTimeDemand, double annualDemand, double unitCost,
                               double orderingCost, double holdingCostRate, double shortageCost, double unitVolume,
                               double minimumOrderQuantity, double packSize, Double maximumOrderQuantity) {

    public OptimizationItem {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id", null, "must be given for every item");
        }
        if (leadTimeDemand == null) {
            throw new InvalidInputException("lead_time_demand", id, "must be given");
        }
        InvalidInputException.requirePositive(annualDemand, "annual_demand", id);
        InvalidInputException.requirePositive(unitCost, "unit_cost", id);
        InvalidInputException.requireNonNegative(orderingCost, "ordering_cost", id);
        InvalidInputException.requirePositive(holdingCostRate, "holding_cost_rate", id);
        InvalidInputException.requireNonNegative(shortageCost, "shortage_cost", id);
        InvalidInputException.requirePositive(unitVolume, "unit_volume", id);
        InvalidInputException.requireNonNegative(minimumOrderQuantity, "minimum_order_quantity", id);
        InvalidInputException.requirePositive(packSize, "pack_size", id);
        if (maximumOrderQuantity != null) {
            InvalidInputException.requirePositive(maximumOrderQuantity, "maximum_order_quantity", id);
            if (maximumOrderQuantity < Math.max(minimumOrderQuantity, packSize)) {
                throw new InvalidInputException("maximum_order_quantity", id, "must allow at least one order of "
                        + "the minimum quantity and pack size (" + Math.max(minimumOrderQuantity, packSize)
                        + "), got " + maximumOrderQuantity);
            }
        }
    }

    /** An item ordered in single units, with no minimum or maximum order, one unit of volume per unit. */
    public static OptimizationItem of(String id, LeadTimeDemand leadTimeDemand, double annualDemand,
                                      double unitCost, double orderingCost, double holdingCostRate,
                                      double shortageCost) {
        return new OptimizationItem(id, leadTimeDemand, annualDemand, unitCost, orderingCost, holdingCostRate,
                shortageCost, 1, 0, 1, null);
    }

    public OptimizationItem withUnitVolume(double volume) {
        return new OptimizationItem(id, leadTimeDemand, annualDemand, unitCost, orderingCost, holdingCostRate,
                shortageCost, volume, minimumOrderQuantity, packSize, maximumOrderQuantity);
    }

    public OptimizationItem withOrderRules(double minimum, double pack, Double maximum) {
        return new OptimizationItem(id, leadTimeDemand, annualDemand, unitCost, orderingCost, holdingCostRate,
                shortageCost, unitVolume, minimum, pack, maximum);
    }
}
