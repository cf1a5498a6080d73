package io.stockflow.inventory.policy;

/**
 * Safety stock for a service target (Silver, Pyke &amp; Peterson, ch. 6):
 * <ul>
 *   <li>cycle service level α — the chance of no stockout in a replenishment cycle: the α-quantile of lead-time
 *       demand minus its mean (k = Φ⁻¹(α) for normal demand);</li>
 *   <li>fill rate β — the share of demand met from stock: for an order quantity Q, the safety factor k solves
 *       G(k) = Q·(1 − β) / σ_L, with G the standard normal loss function G(k) = φ(k) − k·(1 − Φ(k)).</li>
 * </ul>
 * Never negative: a service level below what the mean alone gives needs no safety stock.
 */
public final class SafetyStock {

    private SafetyStock() {
    }

    /** Units held beyond the mean lead-time demand for a cycle service level α in (0, 1). */
    public static double forCycleServiceLevel(LeadTimeDemand demand, double alpha) {
        requireLevel(alpha, "cycle service level");
        return Math.max(0, demand.quantile(alpha) - demand.mean());
    }

    /**
     * Units held beyond the mean lead-time demand for a fill rate β in (0, 1) when ordering Q at a time: the reorder
     * point r whose expected shortage per cycle E[(X − r)⁺] is Q·(1 − β), minus the mean. Through G(k) for a normal;
     * through the forecast's own quantile shape otherwise.
     */
    public static double forFillRate(LeadTimeDemand demand, double beta, double orderQuantity) {
        requireLevel(beta, "fill rate");
        EconomicOrderQuantity.requirePositive(orderQuantity, "order quantity");
        if (demand.standardDeviation() == 0) {
            return 0;
        }
        double allowedShortage = orderQuantity * (1 - beta);
        if (!demand.fromForecastQuantiles()) {
            return Math.max(0, safetyFactorForLoss(allowedShortage / demand.standardDeviation())
                    * demand.standardDeviation());
        }
        return Math.max(0, reorderPointForShortage(demand, allowedShortage) - demand.mean());
    }

    /** The smallest r ≥ 0 with E[(X − r)⁺] ≤ {@code shortage}; the loss decreases in r, so bisection finds it. */
    static double reorderPointForShortage(LeadTimeDemand demand, double shortage) {
        if (demand.expectedShortage(0) <= shortage) {
            return 0;
        }
        double low = 0;
        double high = Math.max(1, demand.quantile(0.5));
        while (demand.expectedShortage(high) > shortage) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 100 && high - low > 1e-9 * Math.max(1, high); i++) {
            double middle = (low + high) / 2;
            if (demand.expectedShortage(middle) > shortage) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return high;
    }

    /** G(k) = φ(k) − k·(1 − Φ(k)): expected units short per unit of σ when k σ are held in safety stock. */
    public static double normalLoss(double k) {
        return StandardNormal.loss(k);
    }

    /** The k with G(k) = {@code loss}; G decreases strictly, so bisection on [−6, 8] finds it. */
    public static double safetyFactorForLoss(double loss) {
        EconomicOrderQuantity.requirePositive(loss, "expected shortage");
        double low = -6;
        double high = 8;
        if (loss >= normalLoss(low)) {
            return low;
        }
        for (int i = 0; i < 200 && high - low > 1e-12; i++) {
            double middle = (low + high) / 2;
            if (normalLoss(middle) > loss) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** The fill rate that k σ of safety stock gives when ordering Q at a time: 1 − σ·G(k)/Q. */
    public static double fillRate(double safetyStock, double standardDeviation, double orderQuantity) {
        if (standardDeviation == 0) {
            return 1;
        }
        return 1 - standardDeviation * normalLoss(safetyStock / standardDeviation) / orderQuantity;
    }

    static void requireLevel(double level, String name) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(name + " must lie strictly between 0 and 1, got " + level);
        }
    }
}
