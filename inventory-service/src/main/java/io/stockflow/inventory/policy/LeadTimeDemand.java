package io.stockflow.inventory.policy;

/**
 * Demand over a replenishment lead time, with both of its uncertainties: daily demand of mean d and standard
 * deviation σ_d over a lead time of mean L and standard deviation σ_L days has mean d·L and standard deviation
 * sqrt(L·σ_d² + d²·σ_L²) (Silver, Pyke &amp; Peterson, ch. 6; Chopra &amp; Meindl, ch. 12). Where forecasts give
 * quantiles of the lead-time total directly, those are used instead: they carry intermittent and skewed demand
 * that a normal does not.
 *
 * <p>Between forecast quantiles, demand is read linearly on the normal-score scale (z = Φ⁻¹(level)), and beyond
 * the outermost ones along the normal they imply: a forecast that is normal is then reproduced exactly, and the
 * loss function E[(X − r)⁺] stays in closed form piece by piece.
 */
public final class LeadTimeDemand {

    private final double mean;
    private final double standardDeviation;
    private final double[] scores;
    private final double[] quantiles;

    private LeadTimeDemand(double mean, double standardDeviation, double[] scores, double[] quantiles) {
        this.mean = mean;
        this.standardDeviation = standardDeviation;
        this.scores = scores;
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

    /** From a forecast of the lead-time total: its mean and its quantiles at increasing levels in (0, 1). */
    public static LeadTimeDemand fromQuantiles(double mean, double[] levels, double[] quantiles) {
        EconomicOrderQuantity.requireNonNegative(mean, "mean lead-time demand");
        if (levels.length < 2 || levels.length != quantiles.length) {
            throw new IllegalArgumentException("at least two quantiles, one value per level");
        }
        double[] scores = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || i > 0 && (levels[i] <= levels[i - 1]
                    || quantiles[i] < quantiles[i - 1]) || !(quantiles[i] >= 0)) {
                throw new IllegalArgumentException("quantile levels must increase within (0, 1), values must be "
                        + "non-negative and not decrease");
            }
            scores[i] = StandardNormal.inverse(levels[i]);
        }
        int last = levels.length - 1;
        double spread = (quantiles[last] - quantiles[0]) / (scores[last] - scores[0]);
        return new LeadTimeDemand(mean, spread, scores, quantiles.clone());
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
        double z = StandardNormal.inverse(level);
        if (scores == null) {
            return mean + z * standardDeviation;
        }
        int piece = pieceOf(z);
        return Math.max(0, intercept(piece) + slope(piece) * z);
    }

    /**
     * E[(X − r)⁺]: the units short in a replenishment cycle when ordering at {@code reorderPoint} (the loss
     * function; σ·G(k) for a normal).
     */
    public double expectedShortage(double reorderPoint) {
        if (scores == null) {
            if (standardDeviation == 0) {
                return Math.max(0, mean - reorderPoint);
            }
            return standardDeviation * StandardNormal.loss((reorderPoint - mean) / standardDeviation);
        }
        if (reorderPoint < 0) {
            return expectedShortage(0) - reorderPoint;
        }
        double shortage = 0;
        for (int piece = 0; piece <= scores.length; piece++) {
            shortage += pieceShortage(piece, reorderPoint);
        }
        return shortage;
    }

    /** P(X > r): the chance that lead-time demand exceeds {@code reorderPoint}, i.e. a stockout in the cycle. */
    public double stockoutProbability(double reorderPoint) {
        if (scores == null) {
            if (standardDeviation == 0) {
                return mean > reorderPoint ? 1 : 0;
            }
            return StandardNormal.upperTail((reorderPoint - mean) / standardDeviation);
        }
        if (reorderPoint < 0) {
            return 1;
        }
        int piece = 0;
        while (piece < scores.length && quantiles[piece] <= reorderPoint) {
            piece++;
        }
        double slope = slope(piece);
        if (slope == 0) {
            // Flat below the first or beyond the last quantile: all the tail's mass sits at that quantile.
            return piece == 0 ? 1 : StandardNormal.upperTail(scores[piece - 1]);
        }
        return StandardNormal.upperTail((reorderPoint - intercept(piece)) / slope);
    }

    /** Whether this comes from forecast quantiles rather than a normal. */
    public boolean fromForecastQuantiles() {
        return scores != null;
    }

    // Piece p covers scores (z_{p−1}, z_p], with z_{−1} = −∞ and z_{n} = +∞; on it X = intercept + slope·z.
    private int pieceOf(double z) {
        int piece = 0;
        while (piece < scores.length && scores[piece] < z) {
            piece++;
        }
        return piece;
    }

    private double slope(int piece) {
        if (piece == 0 || piece == scores.length) {
            return standardDeviation;
        }
        return (quantiles[piece] - quantiles[piece - 1]) / (scores[piece] - scores[piece - 1]);
    }

    private double intercept(int piece) {
        int knot = piece == scores.length ? piece - 1 : piece;
        return quantiles[knot] - slope(piece) * scores[knot];
    }

    // E[(a + s·Z − r)⁺ ; lo < Z ≤ hi] = s·[φ(z*) − φ(hi) − z*·(Φ(hi) − Φ(z*))] from z* = max(lo, (r − a)/s).
    // Below z_0 demand is floored at 0, which a reorder point r ≥ 0 never reaches.
    private double pieceShortage(int piece, double reorderPoint) {
        double lo = piece == 0 ? Double.NEGATIVE_INFINITY : scores[piece - 1];
        double hi = piece == scores.length ? Double.POSITIVE_INFINITY : scores[piece];
        double slope = slope(piece);
        double intercept = intercept(piece);
        if (slope == 0) {
            return Math.max(0, intercept - reorderPoint) * (cdf(hi) - cdf(lo));
        }
        double threshold = (reorderPoint - intercept) / slope;
        double from = Math.max(lo, threshold);
        if (from >= hi) {
            return 0;
        }
        return slope * (density(from) - density(hi) - threshold * (cdf(hi) - cdf(from)));
    }

    private static double cdf(double z) {
        return Double.isInfinite(z) ? (z > 0 ? 1 : 0) : StandardNormal.cdf(z);
    }

    private static double density(double z) {
        return Double.isInfinite(z) ? 0 : StandardNormal.density(z);
    }
}
