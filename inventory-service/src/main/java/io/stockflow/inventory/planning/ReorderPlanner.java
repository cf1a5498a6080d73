package io.stockflow.inventory.planning;

import io.stockflow.inventory.policy.EconomicOrderQuantity;
import io.stockflow.inventory.policy.LeadTimeDemand;
import io.stockflow.inventory.policy.ReplenishmentPolicies;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans one item: its (r, Q) policy for the target fill rate on forecast lead-time demand, whether to order now
 * and how much, and which alert conditions hold. Plain Java; the numbers behind every decision are returned with it.
 *
 * <ul>
 *   <li>Q: the EOQ on the next 28 days' forecast rate, at least a day's demand, at most a year's;</li>
 *   <li>r: mean lead-time demand + the safety stock that meets the fill rate β for Q (loss function on the
 *       forecast's lead-time quantiles, or a normal where there are none);</li>
 *   <li>order when available (on hand + on order − allocated) ≤ r, up to r + Q, rounded up to the pack size,
 *       at least the minimum order, at most the largest order the item and supplier allow;</li>
 *   <li>alerts: {@code stockout_risk} only when mean lead-time demand exceeds available stock;
 *       {@code below_reorder_point} when available ≤ r; {@code overstock} when available exceeds r + Q by more than
 *       {@code overstockDays} of demand; {@code dead_stock} when stock has not moved for {@code deadStockDays}.</li>
 * </ul>
 */
public final class ReorderPlanner {

    static final int RATE_DAYS = 28;

    private final int overstockDays;
    private final int deadStockDays;

    public ReorderPlanner(int overstockDays, int deadStockDays) {
        this.overstockDays = overstockDays;
        this.deadStockDays = deadStockDays;
    }

    /** The item's terms as planning needs them. {@code maxOrder} null for no limit. */
    public record Terms(double unitCost, double orderingCost, double holdingCostRate, double leadTimeDays,
                        double leadTimeSdDays, double targetFillRate, double minOrder, double packSize,
                        Double maxOrder) {
    }

    /** Stock now. {@code receipts}: outstanding order quantities by expected day (overdue ones due today). */
    public record Stock(double onHand, double onOrder, double allocated, Long daysWithoutMovement,
                        Map<LocalDate, Double> receipts) {

        public double available() {
            return onHand + onOrder - allocated;
        }
    }

    public record Plan(double dailyRate, double annualDemand, double leadTimeDemand, double leadTimeDemandSd,
                       boolean fromForecastQuantiles, double safetyStock, double reorderPoint,
                       double orderQuantity, double orderUpTo, double available, Double daysOfCover,
                       LocalDate projectedStockoutDate, double recommendedQuantity, String urgency,
                       boolean cappedByMaxOrder, double expectedFillRate, double stockoutRisk,
                       List<String> alerts) {

        public boolean orderNow() {
            return recommendedQuantity > 0;
        }
    }

    public Plan plan(DemandOutlook outlook, Terms terms, Stock stock) {
        double rate = outlook.dailyMean(RATE_DAYS);
        double annual = rate * 365;
        double orderQuantity = orderQuantity(terms, rate, annual);
        LeadTimeDemand leadTime = outlook.leadTimeDemand(terms.leadTimeDays(), terms.leadTimeSdDays());
        double safety = 0;
        double reorderPoint = 0;
        if (leadTime.mean() > 0) {
            ReplenishmentPolicies.Policy policy = ReplenishmentPolicies.reorderPointQuantityForFillRate(leadTime,
                    orderQuantity, terms.targetFillRate());
            safety = policy.safetyStock();
            reorderPoint = policy.reorderPoint();
        }
        double available = stock.available();
        Double cover = rate > 0 ? available / rate : null;
        LocalDate stockout = outlook.projectedStockout(stock.onHand() - stock.allocated(), stock.receipts());

        double recommended = 0;
        boolean capped = false;
        if (rate > 0 && available <= reorderPoint) {
            double wanted = Math.max(reorderPoint + orderQuantity - available, orderQuantity);
            double rounded = roundUp(Math.max(wanted, terms.minOrder()), terms.packSize());
            if (terms.maxOrder() != null && rounded > terms.maxOrder()) {
                rounded = Math.floor(terms.maxOrder() / terms.packSize()) * terms.packSize();
                capped = true;
            }
            recommended = rounded;
        }
        List<String> alerts = new ArrayList<>();
        boolean stockoutRisk = leadTime.mean() > available;
        if (stockoutRisk) {
            alerts.add("stockout_risk");
        }
        if (rate > 0 && available <= reorderPoint) {
            alerts.add("below_reorder_point");
        }
        if (rate > 0 && available > reorderPoint + orderQuantity + overstockDays * rate) {
            alerts.add("overstock");
        }
        if (stock.onHand() > 0 && stock.daysWithoutMovement() != null && stock.daysWithoutMovement() >= deadStockDays) {
            alerts.add("dead_stock");
        }
        String urgency = "none";
        if (recommended > 0) {
            LocalDate arrival = outlook.today().plusDays((long) Math.ceil(terms.leadTimeDays()));
            urgency = stockout != null && stockout.isBefore(arrival) ? "critical"
                    : stockoutRisk ? "high" : "normal";
        }
        double fillRate = leadTime.mean() == 0 ? 1 : 1 - leadTime.expectedShortage(reorderPoint) / orderQuantity;
        return new Plan(rate, annual, leadTime.mean(), leadTime.standardDeviation(),
                leadTime.fromForecastQuantiles(), safety, reorderPoint, orderQuantity, reorderPoint + orderQuantity,
                available, cover, stockout, recommended, urgency, capped, fillRate,
                leadTime.stockoutProbability(reorderPoint), List.copyOf(alerts));
    }

    /** EOQ, at least a day's demand (and the minimum order), at most a year's, in whole packs. */
    static double orderQuantity(Terms terms, double rate, double annual) {
        double eoq = annual > 0 && terms.unitCost() > 0 && terms.orderingCost() > 0
                ? EconomicOrderQuantity.quantity(annual, terms.orderingCost(), terms.unitCost(),
                terms.holdingCostRate())
                : rate;
        double quantity = Math.min(Math.max(eoq, Math.max(rate, terms.minOrder())), Math.max(annual, terms.minOrder()));
        return Math.max(roundUp(quantity, terms.packSize()), terms.packSize());
    }

    static double roundUp(double quantity, double pack) {
        return Math.ceil(quantity / pack - 1e-9) * pack;
    }
}
