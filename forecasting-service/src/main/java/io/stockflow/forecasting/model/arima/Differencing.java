package io.stockflow.forecasting.model.arima;

import org.apache.commons.math3.stat.StatUtils;

/**
 * Differencing, and the tests that choose how much of it a series needs: KPSS for d as forecast::ndiffs, seasonal
 * strength for D as forecast::nsdiffs.
 */
final class Differencing {

    private static final int MAX_D = 2;
    /** KPSS level-stationarity critical value at 5% (Kwiatkowski et al. 1992, Table 1). */
    private static final double KPSS_CRITICAL_VALUE = 0.463;
    /** forecast::nsdiffs' threshold for its "seas" test. */
    private static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;

    private Differencing() {
    }

    /**
     * {@code (1 − B)^d (1 − B^m)^D} applied in place as R's ARIMA_CSS does: same length, the first
     * {@code d + Dm} values are left over and never read.
     */
    static double[] difference(double[] series, ArimaOrder order) {
        double[] w = series.clone();
        for (int i = 0; i < order.d(); i++) {
            for (int t = w.length - 1; t > 0; t--) {
                w[t] -= w[t - 1];
            }
        }
        for (int i = 0; i < order.seasonalD(); i++) {
            for (int t = w.length - 1; t >= order.period(); t--) {
                w[t] -= w[t - order.period()];
            }
        }
        return w;
    }

    /** {@code times} differences at {@code lag}, each shortening the series by {@code lag}. */
    static double[] difference(double[] series, int lag, int times) {
        double[] current = series;
        for (int i = 0; i < times; i++) {
            double[] next = new double[Math.max(0, current.length - lag)];
            for (int t = 0; t < next.length; t++) {
                next[t] = current[t + lag] - current[t];
            }
            current = next;
        }
        return current;
    }

    /** forecast::ndiffs with the KPSS test: difference while level stationarity is rejected at 5%, d ≤ 2. */
    static int nonSeasonalDifferences(double[] series) {
        int d = 0;
        double[] current = series;
        while (d < MAX_D && !isConstant(current)
                && kpssStatistic(current, (int) (3 * Math.sqrt(current.length) / 13)) > KPSS_CRITICAL_VALUE) {
            current = difference(current, 1, 1);
            d++;
        }
        return d;
    }

    /** forecast::nsdiffs with the seasonal-strength test: one seasonal difference when the season is strong. */
    static int seasonalDifferences(double[] series, int season) {
        return !isConstant(series) && seasonalStrength(series, season) > SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
    }

    /**
     * KPSS statistic for level stationarity: {@code Σ S_t² / (n²·σ̂²_LR)}, S the partial sums of the deviations
     * from the mean and σ̂²_LR their Newey-West long-run variance with Bartlett weights {@code 1 − s/(l+1)} over
     * {@code l} lags, as urca::ur.kpss(type = "mu", use.lag = l).
     */
    static double kpssStatistic(double[] series, int lags) {
        int n = series.length;
        double mean = StatUtils.mean(series);
        double[] deviations = new double[n];
        double partialSum = 0;
        double sumOfSquaredPartialSums = 0;
        for (int t = 0; t < n; t++) {
            deviations[t] = series[t] - mean;
            partialSum += deviations[t];
            sumOfSquaredPartialSums += partialSum * partialSum;
        }
        double longRunVariance = autocovarianceSum(deviations, 0);
        for (int s = 1; s <= lags; s++) {
            longRunVariance += 2 * (1 - s / (lags + 1.0)) * autocovarianceSum(deviations, s);
        }
        longRunVariance /= n;
        return sumOfSquaredPartialSums / ((double) n * n * longRunVariance);
    }

    private static double autocovarianceSum(double[] deviations, int lag) {
        double sum = 0;
        for (int t = lag; t < deviations.length; t++) {
            sum += deviations[t] * deviations[t - lag];
        }
        return sum;
    }

    /**
     * {@code max(0, 1 − Var(R)/Var(S + R))} of a classical additive decomposition: trend the centred moving average
     * over one season (2×m for an even m), S the mean detrended value of each position in the season, centred,
     * R what is left; over the days where the trend is defined.
     */
    static double seasonalStrength(double[] series, int season) {
        int n = series.length;
        int half = season / 2;
        int first = half;
        int last = n - half - 1;
        if (last < first) {
            return 0;
        }
        double[] detrended = new double[n];
        for (int t = first; t <= last; t++) {
            double sum = 0;
            if (season % 2 == 1) {
                for (int k = t - half; k <= t + half; k++) {
                    sum += series[k];
                }
            } else {
                sum = 0.5 * (series[t - half] + series[t + half]);
                for (int k = t - half + 1; k < t + half; k++) {
                    sum += series[k];
                }
            }
            detrended[t] = series[t] - sum / season;
        }
        double[] seasonal = new double[season];
        int[] counts = new int[season];
        for (int t = first; t <= last; t++) {
            seasonal[t % season] += detrended[t];
            counts[t % season]++;
        }
        for (int position = 0; position < season; position++) {
            seasonal[position] /= Math.max(1, counts[position]);
        }
        double seasonalMean = StatUtils.mean(seasonal);
        double[] remainder = new double[last - first + 1];
        double[] seasonalPlusRemainder = new double[remainder.length];
        for (int t = first; t <= last; t++) {
            double seasonalEffect = seasonal[t % season] - seasonalMean;
            remainder[t - first] = detrended[t] - seasonalEffect;
            seasonalPlusRemainder[t - first] = detrended[t];
        }
        double total = StatUtils.variance(seasonalPlusRemainder);
        return total > 0 ? Math.max(0, Math.min(1, 1 - StatUtils.variance(remainder) / total)) : 0;
    }

    static boolean isConstant(double[] series) {
        for (double value : series) {
            if (value != series[0]) {
                return false;
            }
        }
        return true;
    }
}
