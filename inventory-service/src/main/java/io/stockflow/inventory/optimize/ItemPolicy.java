package io.stockflow.inventory.optimize;

/**
 * The continuous-review (r, Q) policy chosen for one item and what it is expected to give: order Q when the
 * inventory position (on hand + on order − backorders) falls to r.
 *
 * @param itemId                 the item
 * @param reorderPoint           r, whole units
 * @param orderQuantity          Q, a whole number of packs within the order limits
 * @param orderUpTo              S = r + Q, the position right after ordering (for min–max systems)
 * @param safetyStock            r − μ_L (negative where shortages are cheaper than stock)
 * @param holdingCost            h·c·(Q/2 + E[(r − X)⁺]) a year
 * @param orderingCost           K·D/Q a year
 * @param shortageCost           b·D·n(r)/Q a year
 * @param totalCost              their sum
 * @param fillRate               β = 1 − n(r)/Q, share of demand met from stock
 * @param cycleServiceLevel      P(X ≤ r), chance of a cycle without stockout
 * @param stockoutRisk           P(X &gt; r) = 1 − cycle service level
 * @param ordersPerYear          D/Q
 * @param expectedUnitsShort     D·n(r)/Q units a year
 * @param averageInventoryUnits  Q/2 + E[(r − X)⁺], average stock on hand
 * @param averageInventoryValue  c times that: what the item takes of a budget
 * @param peakInventoryVolume    v·(Q + E[(r − X)⁺]): what it takes of a warehouse capacity
 * @param atServiceFloor         whether the fill-rate floor, not cost, set r and Q
 * @param atStockoutRiskCeiling  whether the stockout-risk ceiling, not cost, set r
 */
public record ItemPolicy(String itemId, double reorderPoint, double orderQuantity, double orderUpTo,
                         double safetyStock, double holdingCost, double orderingCost, double shortageCost,
                         double totalCost, double fillRate, double cycleServiceLevel, double stockoutRisk,
                         double ordersPerYear, double expectedUnitsShort, double averageInventoryUnits,
                         double averageInventoryValue, double peakInventoryVolume, boolean atServiceFloor,
                         boolean atStockoutRiskCeiling) {
}
