package io.stockflow.inventory.optimize;

import io.stockflow.inventory.policy.LeadTimeDemand;

/**
 * Lead-time demand X as the optimisation reads it: its mean, loss function n(r) = E[(X − r)⁺], exceedance
 * P(X &gt; r) and quantiles.
 */
interface DemandDistribution {

    double mean();

    /** n(r) = E[(X − r)⁺]: expected units short in a cycle when ordering at r. */
    double loss(double reorderPoint);

    /** P(X &gt; r): the chance of a stockout in a cycle. */
    double exceedance(double reorderPoint);

    /** The r with P(X ≤ r) = p; −∞ for p ≤ 0 and +∞ for p ≥ 1. */
    double quantile(double p);

    /** E[(r − X)⁺] = r − μ + n(r): expected stock on hand when a replenishment arrives. */
    default double endingStock(double reorderPoint) {
        return reorderPoint - mean() + loss(reorderPoint);
    }

    static DemandDistribution of(LeadTimeDemand demand) {
        return new Of(demand);
    }

    /** Normal or forecast-quantile lead-time demand, both in closed form (see {@link LeadTimeDemand}). */
    record Of(LeadTimeDemand demand) implements DemandDistribution {

        @Override
        public double mean() {
            return demand.mean();
        }

        @Override
        public double loss(double reorderPoint) {
            return demand.expectedShortage(reorderPoint);
        }

        @Override
        public double exceedance(double reorderPoint) {
            return demand.stockoutProbability(reorderPoint);
        }

        @Override
        public double quantile(double p) {
            if (p <= 0 || p >= 1) {
                return p <= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return demand.quantile(p);
        }
    }
}
