package io.stockflow.forecasting.segment;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * What a series' daily demand looks like, on scales comparable across series:
 *
 * @param level          mean units per day
 * @param trend          least-squares slope over the history, as a share of the level per 28 days
 * @param seasonality    weekly seasonal strength, max(0, 1 − Var(remainder) / Var(detrended)) after removing
 *                       weekday means (Wang, Smith &amp; Hyndman 2006; FPP3 §4.3, with weekday means for the season)
 * @param intermittency  share of days without demand
 */
public record DemandProfile(double level, double trend, double seasonality, double intermittency) {

    static final int WEEK = 7;

    public static DemandProfile of(double[] demand) {
        int n = demand.length;
        if (n == 0) {
            throw new IllegalArgumentException("A profile needs at least one day");
        }
        double sum = 0;
        int zeros = 0;
        SimpleRegression line = new SimpleRegression();
        for (int t = 0; t < n; t++) {
            sum += demand[t];
            zeros += demand[t] == 0 ? 1 : 0;
            line.addData(t, demand[t]);
        }
        double level = sum / n;
        double slope = n < 2 ? 0 : line.getSlope();
        double trend = level == 0 ? 0 : slope * 28 / level;
        return new DemandProfile(level, trend, seasonalStrength(demand, line, n), (double) zeros / n);
    }

    private static double seasonalStrength(double[] demand, SimpleRegression line, int n) {
        if (n < 2 * WEEK) {
            return 0;
        }
        double[] detrended = new double[n];
        double[] weekdaySum = new double[WEEK];
        int[] weekdayCount = new int[WEEK];
        for (int t = 0; t < n; t++) {
            detrended[t] = demand[t] - line.predict(t);
            weekdaySum[t % WEEK] += detrended[t];
            weekdayCount[t % WEEK]++;
        }
        double detrendedMean = 0;
        for (double value : detrended) {
            detrendedMean += value / n;
        }
        double detrendedVariance = 0;
        double remainderVariance = 0;
        for (int t = 0; t < n; t++) {
            double remainder = detrended[t] - weekdaySum[t % WEEK] / weekdayCount[t % WEEK];
            detrendedVariance += (detrended[t] - detrendedMean) * (detrended[t] - detrendedMean);
            remainderVariance += remainder * remainder;
        }
        // A history the trend line explains fully leaves only rounding noise: no season to speak of.
        double scale = 0;
        for (double value : demand) {
            scale += value * value;
        }
        return detrendedVariance <= 1e-12 * scale ? 0 : Math.max(0, 1 - remainderVariance / detrendedVariance);
    }

    double[] features() {
        return new double[] {level, trend, seasonality, intermittency};
    }
}
