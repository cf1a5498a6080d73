package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the gradient-boosting model: a series at an origin, a day ahead. Direct multi-horizon — the horizon
 * is an input, every day ahead is predicted from what was known at the origin, so nothing is fed back and all the
 * days of all the series go to the booster in one call. Demand inputs are divided by the series' scale
 * ({@link SeriesFeatures#scale}); the target is too.
 */
final class BoostingFeatures {

    /** Lags that need this much history; missing values are NaN, which LightGBM treats as missing. */
    static final int MIN_HISTORY = 28;
    private static final int[] RECENT_LAGS = {1, 2, 3, 4, 5, 6, 7};
    private static final int YEAR = 364;

    private final List<String> regressors;

    BoostingFeatures(List<String> regressors) {
        this.regressors = List.copyOf(regressors);
    }

    List<String> names() {
        List<String> names = new ArrayList<>(List.of("days_ahead", "weekday", "year_sin", "year_cos"));
        for (int lag : RECENT_LAGS) {
            names.add("lag_" + lag);
        }
        names.addAll(List.of("same_weekday_1w", "same_weekday_2w", "same_weekday_mean_4w", "mean_7", "mean_91",
                "std_28", "zero_share_28", "last_year", "log_scale"));
        for (String regressor : regressors) {
            names.add(regressor);
            names.add(regressor + "_vs_usual");
        }
        return names;
    }

    int width() {
        return names().size();
    }

    /**
     * Writes the row of day {@code t} (0-based from the series' start, {@code t >= origin}) forecast at
     * {@code origin} (the number of days known) into {@code row} at {@code offset}.
     */
    void write(float[] row, int offset, Context series, int origin, int t) {
        double[] y = series.demand;
        double scale = series.scale;
        int ahead = t - origin + 1;
        LocalDate date = series.start.plusDays(t);
        int i = offset;
        row[i++] = ahead;
        row[i++] = date.getDayOfWeek().getValue();
        row[i++] = (float) SeriesFeatures.yearSin(date);
        row[i++] = (float) SeriesFeatures.yearCos(date);
        for (int lag : RECENT_LAGS) {
            row[i++] = scaled(y, origin - lag, scale);
        }
        // The latest known day with the target's weekday, and the ones a week before it.
        int sameWeekday = t - 7 * ((ahead + 6) / 7);
        row[i++] = scaled(y, sameWeekday, scale);
        row[i++] = scaled(y, sameWeekday - 7, scale);
        double sum = 0;
        int count = 0;
        for (int week = 0; week < 4; week++) {
            int day = sameWeekday - 7 * week;
            if (day >= 0) {
                sum += y[day];
                count++;
            }
        }
        row[i++] = count == 0 ? Float.NaN : (float) (sum / count / scale);
        row[i++] = windowMean(y, origin, 7, scale);
        row[i++] = windowMean(y, origin, 91, scale);
        row[i++] = windowStd(y, origin, 28, scale);
        row[i++] = zeroShare(y, origin, 28);
        row[i++] = t - YEAR < origin ? scaled(y, t - YEAR, scale) : Float.NaN;
        row[i++] = (float) Math.log(scale);
        for (int r = 0; r < regressors.size(); r++) {
            double value = SeriesFeatures.value(series.regressors[r], t);
            row[i++] = (float) value;
            row[i++] = (float) (value - series.usualRegressor[r]);
        }
    }

    /** What the rows of one series at one origin share, computed once. */
    Context context(DemandSeries series, int origin) {
        return new Context(series, origin, regressors);
    }

    static final class Context {
        final LocalDate start;
        final double[] demand;
        final double scale;
        final double[][] regressors;
        final double[] usualRegressor;

        private Context(DemandSeries series, int origin, List<String> names) {
            this.start = series.start();
            this.demand = series.demand();
            this.scale = SeriesFeatures.scale(demand, origin);
            this.regressors = SeriesFeatures.regressors(series, names);
            this.usualRegressor = new double[names.size()];
            for (int r = 0; r < names.size(); r++) {
                usualRegressor[r] = SeriesFeatures.usualLevel(regressors[r], origin);
            }
        }
    }

    private static float scaled(double[] y, int day, double scale) {
        return day < 0 || day >= y.length ? Float.NaN : (float) (y[day] / scale);
    }

    private static float windowMean(double[] y, int origin, int days, double scale) {
        int from = Math.max(0, origin - days);
        return origin - from < Math.min(days, MIN_HISTORY) ? Float.NaN
                : (float) (SeriesFeatures.mean(y, from, origin) / scale);
    }

    private static float windowStd(double[] y, int origin, int days, double scale) {
        int from = Math.max(0, origin - days);
        if (origin - from < 2) {
            return Float.NaN;
        }
        double mean = SeriesFeatures.mean(y, from, origin);
        double squares = 0;
        for (int day = from; day < origin; day++) {
            squares += (y[day] - mean) * (y[day] - mean);
        }
        return (float) (Math.sqrt(squares / (origin - from - 1)) / scale);
    }

    private static float zeroShare(double[] y, int origin, int days) {
        int from = Math.max(0, origin - days);
        int zeros = 0;
        for (int day = from; day < origin; day++) {
            zeros += y[day] == 0 ? 1 : 0;
        }
        return origin == from ? Float.NaN : (float) zeros / (origin - from);
    }
}
