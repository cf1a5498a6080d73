package io.stockflow.inventory.policy;

/**
 * The classical replenishment policies (Silver, Pyke &amp; Peterson, ch. 6): their parameters from lead-time demand,
 * an order quantity and a service target.
 * <ul>
 *   <li>(r, Q) continuous review: order Q when the inventory position falls to r = μ_L + safety stock;</li>
 *   <li>(s, S) periodic or continuous review: when the position is at or below s, order up to S = s + Q;</li>
 *   <li>(R, S) periodic review every R days: order up to S, which covers demand over R + L days plus safety stock
 *       over the same span.</li>
 * </ul>
 */
public final class ReplenishmentPolicies {

    private ReplenishmentPolicies() {
    }

    /** Parameters of one policy with the safety stock and lead-time demand behind them. */
    public record Policy(String kind, double reorderPoint, double orderQuantity, double orderUpTo,
                         double reviewPeriodDays, double safetyStock, double meanDemandCovered) {
    }

    /** (r, Q) for a cycle service level. */
    public static Policy reorderPointQuantity(LeadTimeDemand leadTime, double orderQuantity, double alpha) {
        EconomicOrderQuantity.requirePositive(orderQuantity, "order quantity");
        double safety = SafetyStock.forCycleServiceLevel(leadTime, alpha);
        return new Policy("rQ", leadTime.mean() + safety, orderQuantity, Double.NaN, 0, safety, leadTime.mean());
    }

    /** (r, Q) for a fill rate. */
    public static Policy reorderPointQuantityForFillRate(LeadTimeDemand leadTime, double orderQuantity, double beta) {
        double safety = SafetyStock.forFillRate(leadTime, beta, orderQuantity);
        return new Policy("rQ", leadTime.mean() + safety, orderQuantity, Double.NaN, 0, safety, leadTime.mean());
    }

    /** (s, S) with S − s the economic order quantity. */
    public static Policy minMax(LeadTimeDemand leadTime, double orderQuantity, double alpha) {
        Policy rq = reorderPointQuantity(leadTime, orderQuantity, alpha);
        return new Policy("sS", rq.reorderPoint(), orderQuantity, rq.reorderPoint() + orderQuantity, 0,
                rq.safetyStock(), rq.meanDemandCovered());
    }

    /**
     * (R, S): {@code protection} is demand over the review period plus the lead time (build it with
     * {@link LeadTimeDemand#normal} over R + L days, or from the forecast's total over R + L days).
     */
    public static Policy orderUpTo(LeadTimeDemand protection, double reviewPeriodDays, double alpha) {
        EconomicOrderQuantity.requirePositive(reviewPeriodDays, "review period");
        double safety = SafetyStock.forCycleServiceLevel(protection, alpha);
        return new Policy("RS", Double.NaN, Double.NaN, protection.mean() + safety, reviewPeriodDays, safety,
                protection.mean());
    }
}
