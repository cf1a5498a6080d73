package io.stockflow.inventory.simulation;

import java.util.List;

/** The policies side by side, in the order asked for. */
public record SimulationResult(int days, int replications, List<PolicyResult> policies) {

    /**
     * One policy over every item.
     *
     * @param description           the policy's rule and parameters in words
     * @param total                 pooled over items
     * @param items                 per item, in the request's order
     * @param fillRateByReplication the pooled fill rate of each replication, for its spread
     */
    public record PolicyResult(PolicyKind policy, String description, Metrics total, List<ItemMetrics> items,
                               List<Double> fillRateByReplication) {
    }

    /** One item under one policy; {@code policyParameters}: what the policy set for the item, in words. */
    public record ItemMetrics(String itemId, String policyParameters, Metrics metrics) {
    }

    /**
     * What a policy achieved. Quantities, counts and money are means per replication over the N reported days;
     * rates pool every replication.
     *
     * @param unitsDemanded        units customers asked for
     * @param unitsSold            units sold: each day min(demand, on hand)
     * @param unitsLost            units of demand lost (lost sales, no backorders)
     * @param fillRate             units sold / units demanded (1 when nothing was demanded)
     * @param cycleServiceLevel    share of replenishment cycles without a stockout day (1 when no cycle counted):
     *                             the days are cut into cycles at each day an order arrives; a cycle ended by an
     *                             arrival counts, and the open one at the end counts only if it already had a
     *                             stockout
     * @param replenishmentCycles  cycles counted
     * @param stockoutDays         days on which demand exceeded the stock on hand
     * @param averageOnHandUnits   mean end-of-day stock on hand (summed over items in totals)
     * @param averageOnHandValue   the same at unit cost
     * @param inventoryTurnover    cost of goods sold a year / average stock value (0 when no stock was held)
     * @param holdingCost          end-of-day stock × unit cost × holding rate / 365, summed over days
     * @param orderingCost         ordering cost × orders placed
     * @param shortageCost         shortage cost × units lost
     * @param totalCost            holding + ordering + shortage
     * @param revenue              units sold × the day's price
     * @param costOfGoodsSold      units sold × unit cost
     * @param profit               revenue − cost of goods sold − holding − ordering (shortage is already lost
     *                             revenue, so it is not charged twice)
     * @param orders               orders placed
     */
    public record Metrics(double unitsDemanded, double unitsSold, double unitsLost, double fillRate,
                          double cycleServiceLevel, double replenishmentCycles, double stockoutDays,
                          double averageOnHandUnits, double averageOnHandValue, double inventoryTurnover,
                          double holdingCost, double orderingCost, double shortageCost, double totalCost,
                          double revenue, double costOfGoodsSold, double profit, double orders) {
    }
}
