package io.stockflow.forecasting.model;

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
 * days (a level error repeats every day; independent days would make the band far too narrow). For L longer
 * than the paths, the sums over the longest window are extrapolated: their mean scales with L, their spread with
 * √L (blocks taken as independent). Quantiles are cut at zero: demand cannot be negative.
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
        int longest = Arrays.stream(paths).mapToInt(path -> path.length).max().orElseThrow();
        int window = Math.min(days, longest);
        double[] sums = sorted(windowSums(window));
        if (window < days) {
            double average = Arrays.stream(sums).average().orElseThrow();
            double meanScale = (double) days / window;
            double spreadScale = Math.sqrt(meanScale);
            for (int i = 0; i < sums.length; i++) {
                sums[i] = average * meanScale + (sums[i] - average) * spreadScale;
            }
        }
        double[] quantiles = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            quantiles[i] = Math.max(0, total + conformal(sums, levels[i]));
        }
        return quantiles;
    }

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
