package io.stockflow.inventory.optimize;

import java.util.List;
import java.util.Set;

/**
 * The policies of one optimisation, their totals, and what the binding resources are worth.
 *
 * @param objective           what was minimised
 * @param items               one policy per item, in the order given
 * @param totals              sums over the items
 * @param budgetShadowPrice   λ: how much the objective falls a year per extra unit of budget (0 when the budget
 *                            does not bind). For {@link Objective#COST} it is currency a year per currency of
 *                            average investment, comparable to a holding rate; for {@link Objective#SERVICE},
 *                            units short a year per currency; for {@link Objective#BALANCED}, the currency of
 *                            C + w·U a year, with w the {@code shortageWeight}
 * @param capacityShadowPrice ν: the same per extra unit of warehouse capacity
 * @param bindingConstraints  the constraints that limit the solution (for the floors: at least one item sits on
 *                            them)
 * @param shortageWeight      w = C₀/U₀, what {@link Objective#BALANCED} added to each unit short's cost; 0 for the
 *                            other objectives
 */
public record OptimizationResult(Objective objective, List<ItemPolicy> items, Totals totals,
                                 double budgetShadowPrice, double capacityShadowPrice,
                                 Set<ConstraintKind> bindingConstraints, double shortageWeight) {

    /**
     * @param fillRate              demand-weighted: 1 − expected units short / annual demand
     * @param averageInventoryValue what the policies take of the budget
     * @param peakInventoryVolume   what they take of the warehouse capacity
     */
    public record Totals(double holdingCost, double orderingCost, double shortageCost, double totalCost,
                         double expectedUnitsShort, double annualDemand, double fillRate,
                         double averageInventoryValue, double peakInventoryVolume, int itemsAtServiceFloor,
                         int itemsAtStockoutRiskCeiling) {

        /** Summed in list order, so the same policies always give the same totals. */
        public static Totals of(List<ItemPolicy> items) {
            double holding = 0;
            double ordering = 0;
            double shortage = 0;
            double unitsShort = 0;
            double demand = 0;
            double value = 0;
            double volume = 0;
            int atFloor = 0;
            int atCeiling = 0;
            for (ItemPolicy item : items) {
                holding += item.holdingCost();
                ordering += item.orderingCost();
                shortage += item.shortageCost();
                unitsShort += item.expectedUnitsShort();
                demand += item.ordersPerYear() * item.orderQuantity();
                value += item.averageInventoryValue();
                volume += item.peakInventoryVolume();
                atFloor += item.atServiceFloor() ? 1 : 0;
                atCeiling += item.atStockoutRiskCeiling() ? 1 : 0;
            }
            return new Totals(holding, ordering, shortage, holding + ordering + shortage, unitsShort, demand,
                    demand > 0 ? 1 - unitsShort / demand : 1, value, volume, atFloor, atCeiling);
        }
    }
}
