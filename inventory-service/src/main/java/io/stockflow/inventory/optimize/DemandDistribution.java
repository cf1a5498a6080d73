package io.stockflow.inventory.optimize;

import io.stockflow.inventory.policy.LeadTimeDemand;

/**
 * Lead-time demand X as the optimisation reads it: its mean, loss function n(r) = E[(X − r)⁺], exceedance
 * P(X &gt; r) and quantiles. A normal {@link LeadTimeDemand} is evaluated here in closed form with
 * {@link StandardNormal}; one built from forecast quantiles through its own methods.
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
        if (demand.fromForecastQuantiles()) {
            return new ForecastQuantiles(demand);
        }
        return new Normal(demand.mean(), demand.standardDeviation());
    }

    record Normal(double mean, double standardDeviation) implements DemandDistribution {

        @Override
        public double loss(double reorderPoint) {
            if (standardDeviation == 0) {
                return Math.max(0, mean - reorderPoint);
            }
            return standardDeviation * StandardNormal.loss((reorderPoint - mean) / standardDeviation);
        }

        @Override
        public double exceedance(double reorderPoint) {
            if (standardDeviation == 0) {
                return mean > reorderPoint ? 1 : 0;
            }
            return StandardNormal.upperTail((reorderPoint - mean) / standardDeviation);
        }

        @Override
        public double quantile(double p) {
            if (p <= 0 || p >= 1) {
                return p <= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return mean + standardDeviation * StandardNormal.inverse(p);
        }
    }

    record ForecastQuantiles(LeadTimeDemand demand) implements DemandDistribution {

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
