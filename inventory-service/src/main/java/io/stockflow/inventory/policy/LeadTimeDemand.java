package io.stockflow.inventory.policy;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Demand over a replenishment lead time, with both of its uncertainties: daily demand of mean d and standard
 * deviation σ_d over a lead time of mean L and standard deviation σ_L days has mean d·L and standard deviation
 * sqrt(L·σ_d² + d²·σ_L²) (Silver, Pyke &amp; Peterson, ch. 6; Chopra &amp; Meindl, ch. 12). Where forecasts give
 * quantiles of the lead-time total directly, those are used instead: they carry intermittent and skewed demand
 * that a normal does not.
 */
public final class LeadTimeDemand {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final double mean;
    private final double standardDeviation;
    private final double[] levels;
    private final double[] quantiles;

    private LeadTimeDemand(double mean, double standardDeviation, double[] levels, double[] quantiles) {
        this.mean = mean;
        this.standardDeviation = standardDeviation;
        this.levels = levels;
        this.quantiles = quantiles;
    }

    /**
     * @param dailyMean         mean demand a day
     * @param dailyStdDev       its standard deviation
     * @param leadTimeDays      mean lead time
     * @param leadTimeStdDev    standard deviation of the lead time, days
     */
    public static LeadTimeDemand normal(double dailyMean, double dailyStdDev, double leadTimeDays,
                                        double leadTimeStdDev) {
        EconomicOrderQuantity.requireNonNegative(dailyMean, "daily demand");
        EconomicOrderQuantity.requireNonNegative(dailyStdDev, "daily demand deviation");
        EconomicOrderQuantity.requirePositive(leadTimeDays, "lead time");
        EconomicOrderQuantity.requireNonNegative(leadTimeStdDev, "lead time deviation");
        return new LeadTimeDemand(dailyMean * leadTimeDays, Math.sqrt(leadTimeDays * dailyStdDev * dailyStdDev
                + dailyMean * dailyMean * leadTimeStdDev * leadTimeStdDev), null, null);
    }

    /**
     * From a forecast of the lead-time total: its mean and quantiles at increasing levels in (0, 1), read between
     * levels by linear interpolation (and by a normal fitted to the outermost ones beyond them).
     */
    public static LeadTimeDemand fromQuantiles(double mean, double[] levels, double[] quantiles) {
        EconomicOrderQuantity.requireNonNegative(mean, "mean lead-time demand");
        if (levels.length < 2 || levels.length != quantiles.length) {
            throw new IllegalArgumentException("at least two quantiles, one value per level");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || i > 0 && (levels[i] <= levels[i - 1]
                    || quantiles[i] < quantiles[i - 1])) {
                throw new IllegalArgumentException("quantile levels must increase within (0, 1), values must not "
                        + "decrease");
            }
        }
        int last = levels.length - 1;
        double spread = (quantiles[last] - quantiles[0])
                / (STANDARD_NORMAL.inverseCumulativeProbability(levels[last])
                - STANDARD_NORMAL.inverseCumulativeProbability(levels[0]));
        return new LeadTimeDemand(mean, spread, levels.clone(), quantiles.clone());
    }

    public double mean() {
        return mean;
    }

    /** The normal's deviation, or the one implied by the outermost forecast quantiles. */
    public double standardDeviation() {
        return standardDeviation;
    }

    /** The demand not exceeded with probability {@code level}. */
    public double quantile(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("service level must lie in (0, 1), got " + level);
        }
        if (levels == null) {
            return mean + STANDARD_NORMAL.inverseCumulativeProbability(level) * standardDeviation;
        }
        int last = levels.length - 1;
        if (level <= levels[0]) {
            return Math.max(0, quantiles[0] - (STANDARD_NORMAL.inverseCumulativeProbability(levels[0])
                    - STANDARD_NORMAL.inverseCumulativeProbability(level)) * standardDeviation);
        }
        if (level >= levels[last]) {
            return quantiles[last] + (STANDARD_NORMAL.inverseCumulativeProbability(level)
                    - STANDARD_NORMAL.inverseCumulativeProbability(levels[last])) * standardDeviation;
        }
        int upper = 1;
        while (levels[upper] < level) {
            upper++;
        }
        double share = (level - levels[upper - 1]) / (levels[upper] - levels[upper - 1]);
        return quantiles[upper - 1] + share * (quantiles[upper] - quantiles[upper - 1]);
    }

    /** Whether this comes from forecast quantiles rather than a normal. */
    public boolean fromForecastQuantiles() {
        return levels != null;
    }
}
