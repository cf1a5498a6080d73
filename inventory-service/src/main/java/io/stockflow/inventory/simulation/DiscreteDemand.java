package io.stockflow.inventory.simulation;

import org.apache.commons.math3.special.Gamma;

/**
 * The distribution of demand summed over days. Days of Poisson or negative binomial demand with one variance-to-
 * mean ratio v add up exactly: a sum of Poissons is Poisson, and a sum of negative binomials NB(n_i, p) with the same
 * p = 1/v is NB(Σ n_i, p) — so k days of demand of mean M in all have the same family with mean M and ratio v.
 */
final class DiscreteDemand {

    private DiscreteDemand() {
    }

    /** A largest value worth tabulating: the mean plus 12 standard deviations and a margin. */
    static int upperBound(double mean, double varianceToMeanRatio) {
        return (int) Math.ceil(mean + 12 * Math.sqrt(mean * varianceToMeanRatio) + 20);
    }

    /**
     * P(X = x) for x = 0..{@code max}, for X of mean {@code mean} (Poisson at ratio 1, else negative binomial).
     * Computed from the mode outwards by the ratios of successive terms, so that large means do not underflow.
     */
    static double[] probabilities(double mean, double varianceToMeanRatio, int max) {
        double[] p = new double[max + 1];
        if (mean <= 0) {
            p[0] = 1;
            return p;
        }
        boolean poisson = varianceToMeanRatio <= 1 + 1e-9;
        double size = poisson ? Double.NaN : mean / (varianceToMeanRatio - 1);
        double failure = poisson ? Double.NaN : 1 - 1 / varianceToMeanRatio;
        int mode = (int) Math.min(max, poisson ? Math.floor(mean)
                : Math.max(0, Math.floor((size - 1) * failure * varianceToMeanRatio)));
        p[mode] = Math.exp(logProbability(mode, mean, size, failure, poisson));
        for (int x = mode; x < max; x++) {
            p[x + 1] = p[x] * (poisson ? mean / (x + 1) : (size + x) / (x + 1) * failure);
        }
        for (int x = mode; x > 0; x--) {
            p[x - 1] = p[x] * (poisson ? x / mean : x / ((size + x - 1) * failure));
        }
        return p;
    }

    private static double logProbability(int x, double mean, double size, double failure, boolean poisson) {
        if (poisson) {
            return x * Math.log(mean) - mean - Gamma.logGamma(x + 1.0);
        }
        return Gamma.logGamma(size + x) - Gamma.logGamma(size) - Gamma.logGamma(x + 1.0)
                + size * Math.log1p(-failure) + x * Math.log(failure);
    }

    /**
     * E[(X − y)⁺] for y = 0..{@code max} (the first-order loss function) from the probabilities: E[(X − y)⁺] =
     * Σ_{j ≥ y} P(X > j), the tails summed from the top so that small tails keep their precision.
     */
    static double[] loss(double[] probabilities) {
        int max = probabilities.length - 1;
        double[] loss = new double[max + 1];
        double above = 0;
        double sum = 0;
        for (int y = max; y >= 0; y--) {
            sum += above;
            loss[y] = sum;
            above += probabilities[y];
        }
        return loss;
    }
}
