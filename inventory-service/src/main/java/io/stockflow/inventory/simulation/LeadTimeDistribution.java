package io.stockflow.inventory.simulation;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Whole-day lead times ℓ = max(1, round(L + σ·Z)), Z standard normal: their probabilities (which the optimised
 * policy plans with) and draws from them by inversion (which the simulator uses), so both agree exactly.
 */
final class LeadTimeDistribution {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final double mean;
    private final int shortest;
    private final double[] probabilities;
    private final double[] cumulative;

    LeadTimeDistribution(double meanDays, double stdDevDays) {
        this.mean = meanDays;
        if (stdDevDays == 0) {
            shortest = (int) Math.max(1, Math.round(meanDays));
            probabilities = new double[] {1};
        } else {
            int low = (int) Math.max(1, Math.floor(meanDays - 6 * stdDevDays));
            int high = (int) Math.max(low, Math.ceil(meanDays + 6 * stdDevDays));
            shortest = low;
            probabilities = new double[high - low + 1];
            for (int days = low; days <= high; days++) {
                double below = days == low ? 0 : STANDARD_NORMAL.cumulativeProbability((days - 0.5 - meanDays)
                        / stdDevDays);
                double upTo = days == high ? 1 : STANDARD_NORMAL.cumulativeProbability((days + 0.5 - meanDays)
                        / stdDevDays);
                probabilities[days - low] = upTo - below;
            }
        }
        cumulative = new double[probabilities.length];
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum += probabilities[i];
            cumulative[i] = sum;
        }
    }

    double mean() {
        return mean;
    }

    int shortest() {
        return shortest;
    }

    int longest() {
        return shortest + probabilities.length - 1;
    }

    double probability(int days) {
        int index = days - shortest;
        return index < 0 || index >= probabilities.length ? 0 : probabilities[index];
    }

    /** The lead time whose cumulative probability first reaches {@code uniform} in [0, 1). */
    int draw(double uniform) {
        for (int i = 0; i < cumulative.length; i++) {
            if (uniform < cumulative[i]) {
                return shortest + i;
            }
        }
        return longest();
    }
}
