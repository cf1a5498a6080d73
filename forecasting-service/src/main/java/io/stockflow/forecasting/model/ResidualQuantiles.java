package io.stockflow.forecasting.model;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Empirical (split-conformal) quantiles of forecast errors, learnt from out-of-sample errors of a model: each path
 * holds the errors (actual − forecast) of consecutive days after one backtest origin.
 *
 * <p>A daily quantile at level τ is the point forecast plus the ⌈(N+1)τ⌉-th smallest of the N pooled errors
 * (⌊(N+1)τ⌋-th below the median) — the finite-sample rule of split conformal prediction (Vovk et al. 2005; Angelopoulos
 * &amp; Bates 2021, §1), which gives at least τ coverage when errors are exchangeable. A quantile of the demand over
 * a lead time of L days uses the sums of L consecutive errors within each path, so it keeps the correlation between
 * days (a level error repeats every day; independent days would make the band far too narrow). Where fewer than
 * {@value #MIN_WINDOW_SUMS} such windows exist (L close to or beyond the paths' length), the sum is taken as normal
 * with mean L·ē and a variance that adds daily noise (∝ L) and a persistent level error (∝ L²) read off the
 * differences between the paths. Quantiles are cut at zero: demand cannot be negative.
 */
public record ResidualQuantiles(double[][] paths) {

    public ResidualQuantiles {
        if (paths.length == 0) {
            throw new IllegalArgumentException("At least one error path is needed");
        }
        double[][] copy = new double[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            if (paths[i].length == 0) {
                throw new IllegalArgumentException("Error paths must not be empty");
            }
            for (double error : paths[i]) {
                if (!Double.isFinite(error)) {
                    throw new IllegalArgumentException("Errors must be finite");
                }
            }
            copy[i] = paths[i].clone();
        }
        paths = copy;
    }

    /** Errors of one model on each backtest: {@code actuals[k][h] − forecasts[k][h]}. */
    public static ResidualQuantiles fromBacktests(double[][] actuals, double[][] forecasts) {
        double[][] errors = new double[actuals.length][];
        for (int k = 0; k < actuals.length; k++) {
            errors[k] = new double[actuals[k].length];
            for (int h = 0; h < actuals[k].length; h++) {
                errors[k][h] = actuals[k][h] - forecasts[k][h];
            }
        }
        return new ResidualQuantiles(errors);
    }

    /** How many errors the daily quantiles are drawn from. */
    public int size() {
        return Arrays.stream(paths).mapToInt(path -> path.length).sum();
    }

    /** {@code result[i][d]}: the {@code levels[i]} quantile of demand on day {@code d} of {@code mean}. */
    public double[][] daily(double[] mean, double[] levels) {
        double[] pooled = sorted(Arrays.stream(paths).flatMapToDouble(Arrays::stream).toArray());
        double[][] quantiles = new double[levels.length][mean.length];
        for (int i = 0; i < levels.length; i++) {
            double error = conformal(pooled, levels[i]);
            for (int day = 0; day < mean.length; day++) {
                quantiles[i][day] = Math.max(0, mean[day] + error);
            }
        }
        return quantiles;
    }

    /** {@code result[i]}: the {@code levels[i]} quantile of the total demand over the first {@code days} days. */
    public double[] leadTime(double[] mean, int days, double[] levels) {
        if (days < 1 || days > mean.length) {
            throw new IllegalArgumentException("A lead time of " + days + " days is outside the "
                    + mean.length + "-day forecast");
        }
        double total = 0;
        for (int day = 0; day < days; day++) {
            total += mean[day];
        }
        double[] quantiles = new double[levels.length];
        double[] sums = windowSums(days);
        if (sums.length >= MIN_WINDOW_SUMS) {
            Arrays.sort(sums);
            for (int i = 0; i < levels.length; i++) {
                quantiles[i] = Math.max(0, total + conformal(sums, levels[i]));
            }
            return quantiles;
        }
        // Too few windows this long: the sum of L errors is taken as normal. Its mean is L·ē; its variance adds the
        // day-to-day noise, L·σ²(within a path), and the level error that persists over the whole lead time,
        // L²·σ²(level), estimated from how the paths' means differ beyond what their noise explains. With a single
        // path there is no level error to see: the errors' long-run variance (Newey & West 1987) stands in.
        double meanError = Arrays.stream(paths).flatMapToDouble(Arrays::stream).average().orElseThrow();
        double variance = paths.length < 2 ? days * longRunVariance(meanError, days)
                : days * withinPathVariance() + (double) days * days * levelVariance(meanError);
        double sd = Math.sqrt(variance);
        NormalDistribution standard = new NormalDistribution(0, 1);
        for (int i = 0; i < levels.length; i++) {
            quantiles[i] = Math.max(0,
                    total + days * meanError + standard.inverseCumulativeProbability(levels[i]) * sd);
        }
        return quantiles;
    }

    /** Variance of the errors around their own path's mean, pooled over the paths. */
    private double withinPathVariance() {
        double squares = 0;
        int degrees = 0;
        for (double[] path : paths) {
            double mean = Arrays.stream(path).average().orElseThrow();
            for (double error : path) {
                squares += (error - mean) * (error - mean);
            }
            degrees += path.length - 1;
        }
        return degrees == 0 ? 0 : squares / degrees;
    }

    /** Variance of the paths' means around {@code mean}, less the part their own noise accounts for; at least 0. */
    private double levelVariance(double mean) {
        double squares = 0;
        double noiseShare = 0;
        double within = withinPathVariance();
        for (double[] path : paths) {
            double pathMean = Arrays.stream(path).average().orElseThrow();
            squares += (pathMean - mean) * (pathMean - mean);
            noiseShare += within / path.length;
        }
        return Math.max(0, squares / (paths.length - 1) - noiseShare / paths.length);
    }

    /** γ0 + 2 Σ (1 − k/(m+1)) γk over lags k ≤ m, autocovariances pooled within the path around {@code mean}. */
    private double longRunVariance(double mean, int days) {
        int longest = Arrays.stream(paths).mapToInt(path -> path.length).max().orElseThrow();
        int lags = Math.max(0, Math.min(days, longest) - 1);
        double variance = 0;
        for (int lag = 0; lag <= lags; lag++) {
            double sum = 0;
            int count = 0;
            for (double[] path : paths) {
                for (int t = lag; t < path.length; t++) {
                    sum += (path[t] - mean) * (path[t - lag] - mean);
                    count++;
                }
            }
            double autocovariance = count == 0 ? 0 : sum / count;
            variance += lag == 0 ? autocovariance : 2 * (1 - lag / (lags + 1.0)) * autocovariance;
        }
        return Math.max(variance, 0);
    }

    /** Lead-time sums are read off the windows directly when at least this many are available. */
    static final int MIN_WINDOW_SUMS = 30;

    private double[] windowSums(int window) {
        List<Double> sums = new ArrayList<>();
        for (double[] path : paths) {
            if (path.length < window) {
                continue;
            }
            double sum = 0;
            for (int day = 0; day < path.length; day++) {
                sum += path[day];
                if (day >= window) {
                    sum -= path[day - window];
                }
                if (day >= window - 1) {
                    sums.add(sum);
                }
            }
        }
        return sums.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The split-conformal order statistic for {@code level}, from below for levels under one half. */
    static double conformal(double[] sorted, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("A quantile level must lie in (0, 1), got " + level);
        }
        double rank = (sorted.length + 1) * level;
        int k = level >= 0.5 ? (int) Math.ceil(rank - 1e-9) : (int) Math.floor(rank + 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, k)) - 1];
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public double[][] paths() {
        double[][] copy = new double[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            copy[i] = paths[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidualQuantiles that && Arrays.deepEquals(paths, that.paths);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(paths);
    }

    @Override
    public String toString() {
        return "ResidualQuantiles[paths=" + paths.length + ", errors=" + size() + "]";
    }
}
