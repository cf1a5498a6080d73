package io.stockflow.ingestion.quality;

import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Arrays;

/**
 * The modified z-score of Iglewicz and Hoaglin (1993): {@code 0.6745 (x - median) / MAD}, with |z| > 3.5 the
 * usual outlier cut-off. When more than half the sample is identical the MAD is 0; then the mean absolute
 * deviation scaled by 1.253314 stands in (the fallback IBM documents for its modified z-score).
 */
public final class RobustZScore {

    public static final double OUTLIER_CUTOFF = 3.5;
    private static final double MAD_SCALE = 0.6745;
    private static final double MEAN_AD_SCALE = 1.253314;

    private final double median;
    private final double mad;
    private final double meanAbsoluteDeviation;

    private RobustZScore(double median, double mad, double meanAbsoluteDeviation) {
        this.median = median;
        this.mad = mad;
        this.meanAbsoluteDeviation = meanAbsoluteDeviation;
    }

    public static RobustZScore of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        double median = new Median().evaluate(sample);
        double[] deviations = Arrays.stream(sample).map(x -> Math.abs(x - median)).toArray();
        return new RobustZScore(median, new Median().evaluate(deviations), Arrays.stream(deviations).average()
                .orElse(0));
    }

    public double median() {
        return median;
    }

    /** @return the score, or ±infinity when x differs from a sample with no spread at all */
    public double score(double x) {
        double deviation = x - median;
        if (mad > 0) {
            return MAD_SCALE * deviation / mad;
        }
        if (meanAbsoluteDeviation > 0) {
            return deviation / (MEAN_AD_SCALE * meanAbsoluteDeviation);
        }
        return deviation == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
    }
}
