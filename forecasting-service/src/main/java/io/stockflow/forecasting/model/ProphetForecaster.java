package io.stockflow.forecasting.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.stat.StatUtils;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An additive decomposable model after Taylor &amp; Letham (2018), "Forecasting at scale" (Prophet):
 * {@code y(t) = g(t) + s(t) + h(t) + ε}, fitted to the demand divided by its maximum, as Prophet scales it.
 * <ul>
 *   <li>g, a piecewise-linear trend: {@code g(t) = m + k·t + Σ δj·(t − cj)+}, t the day scaled to [0, 1] over the
 *   history, {@value #CHANGEPOINTS} potential changepoints cj spread uniformly over its first 80% (fewer for a short
 *   history); the forecast continues the last rate {@code k + Σ δj}.</li>
 *   <li>s, Fourier seasonality from the calendar (days since 1970-01-01, as Prophet counts them): weekly of order
 *   3 from two weeks of history, yearly (period 365.25) of order 10 from two years.</li>
 *   <li>h, every regressor that covers the horizon (holiday or event indicators, promotion share, price…) as a
 *   linear term; as in Prophet, a 0/1 indicator is used as is, any other regressor standardised.</li>
 * </ul>
 * Prophet puts a Laplace prior on the rate changes δ (a sparse L1 penalty) and Gaussian priors on the rest, and
 * finds the MAP estimate with L-BFGS. Here every prior is Gaussian — δ ~ N(0, 0.05²) (Prophet's changepoint prior
 * scale), seasonal and regressor coefficients ~ N(0, 10²), k and m ~ N(0, 5²) — so that, for a given noise level
 * σ, the MAP estimate is a ridge regression: one Cholesky solve of the penalised normal equations
 * {@code (XᵀX + σ²·diag(1/τ²))β = Xᵀy}. This gives smooth rather than sparse rate changes, but an exact, fast and
 * independently checkable solution; σ² is estimated jointly (flat prior) by alternating with {@code σ² = RSS/n}
 * until it settles. Forecasts are clamped at zero. Below {@value #MIN_DAYS_FOR_SEASON} days the model is a straight
 * line: no changepoints, seasonality or regressors to tell from noise.
 */
public final class ProphetForecaster implements Forecaster {

    public static final String NAME = "prophet";

    /** The calendar used when only demand values are given. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);

    static final int CHANGEPOINTS = 25;
    static final double CHANGEPOINT_RANGE = 0.8;
    static final int MIN_DAYS_FOR_SEASON = 14;
    static final int MIN_DAYS_FOR_YEARLY = 730;
    static final int WEEKLY_ORDER = 3;
    static final int YEARLY_ORDER = 10;
    static final double YEAR = 365.25;
    static final double CHANGEPOINT_PRIOR_SCALE = 0.05;
    static final double SEASONALITY_PRIOR_SCALE = 10;
    static final double REGRESSOR_PRIOR_SCALE = 10;
    static final double TREND_PRIOR_SCALE = 5;

    /** Alternations of the ridge solve and σ²; each is cheap, and σ² settles in a handful. */
    private static final int MAX_NOISE_UPDATES = 100;
    /** A perfect fit must not remove the priors: σ² stays above this, in units of the scaled demand. */
    private static final double MIN_NOISE_VARIANCE = 1e-10;

    /**
     * What was fitted, in demand units per day.
     *
     * @param changepointDays   the day (index into the history) of each potential changepoint
     * @param offset            the trend at day 0
     * @param rate              the trend's initial slope, per day
     * @param rateChanges       the change of slope at each changepoint, per day
     * @param weekly            Fourier coefficients (sin, cos for orders 1…3), empty when not fitted
     * @param yearly            Fourier coefficients (sin, cos for orders 1…10), empty when not fitted
     * @param regressors        each regressor used, its effect per unit of that regressor
     * @param sigma             the residual standard deviation
     * @param mean              the forecast, one value per day ahead
     * @param coefficients      the raw coefficient vector on the scaled demand, in design-matrix order
     */
    public record Fit(int[] changepointDays, double offset, double rate, double[] rateChanges, double[] weekly,
                      double[] yearly, Map<String, Double> regressors, double sigma, double[] mean,
                      double[] coefficients) {

        /** The slope the forecast continues, per day. */
        public double finalRate() {
            return rate + StatUtils.sum(rateChanges);
        }

        public boolean hasWeekly() {
            return weekly.length > 0;
        }

        public boolean hasYearly() {
            return yearly.length > 0;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        return forecast(DemandSeries.of(DEFAULT_START, history), horizon);
    }

    @Override
    public Forecast forecast(DemandSeries series, int horizon) {
        return new Forecast(NAME, fit(series, horizon).mean());
    }

    /** Fits the history and forecasts {@code horizon} days with the regressors that cover them. */
    public Fit fit(DemandSeries series, int horizon) {
        DemandHistory.requireHorizon(horizon);
        double[] demand = series.demand();
        int n = demand.length;
        double scale = StatUtils.max(demand);
        if (scale == 0) {
            // No demand observed: nothing to scale or fit.
            return new Fit(new int[0], 0, 0, new double[0], new double[0], new double[0], Map.of(), 0,
                    new double[horizon], new double[0]);
        }
        Design design = new Design(series, horizon);
        double[][] x = design.rows;
        int p = design.priorScales.size();
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = demand[t] / scale;
        }
        // XᵀX and Xᵀy once; only the ridge on the diagonal changes with σ².
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        for (int t = 0; t < n; t++) {
            double[] row = x[t];
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * y[t];
                for (int b = a; b < p; b++) {
                    gram[a][b] += row[a] * row[b];
                }
            }
        }
        double noise = Math.max(MIN_NOISE_VARIANCE, StatUtils.populationVariance(y));
        double[] beta = new double[p];
        for (int update = 0; update < MAX_NOISE_UPDATES; update++) {
            double[][] penalised = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    penalised[a][b] = gram[a][b];
                    penalised[b][a] = gram[a][b];
                }
                double tau = design.priorScales.get(a);
                penalised[a][a] += noise / (tau * tau);
            }
            // Positive definite by the ridge, however small σ² gets: no positivity threshold beyond > 0.
            beta = new CholeskyDecomposition(new Array2DRowRealMatrix(penalised, false), 1e-15, 0).getSolver()
                    .solve(new ArrayRealVector(xty, false)).toArray();
            double rss = 0;
            for (int t = 0; t < n; t++) {
                double residual = y[t] - dot(x[t], beta);
                rss += residual * residual;
            }
            double next = Math.max(MIN_NOISE_VARIANCE, rss / n);
            boolean settled = Math.abs(next - noise) <= 1e-9 * noise;
            noise = next;
            if (settled) {
                break;
            }
        }
        double[] mean = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            // Demand cannot be negative.
            mean[h] = Math.max(0, dot(x[n + h], beta) * scale);
        }
        return design.fit(beta, scale, Math.sqrt(noise) * scale, mean);
    }

    private static double dot(double[] row, double[] beta) {
        double sum = 0;
        for (int j = 0; j < beta.length; j++) {
            sum += row[j] * beta[j];
        }
        return sum;
    }

    /** The design matrix over history and horizon, column by column with each column's prior scale. */
    private static final class Design {
        final double[][] rows;
        final List<Double> priorScales = new ArrayList<>();
        final int n;
        final int[] changepoints;
        final int weeklyColumns;
        final int yearlyColumns;
        final Map<String, Double> regressorUnits = new LinkedHashMap<>();
        private final List<double[]> columns = new ArrayList<>();

        Design(DemandSeries series, int horizon) {
            n = series.length();
            int days = n + horizon;
            double span = Math.max(1, n - 1);
            double[] time = new double[days];
            for (int t = 0; t < days; t++) {
                time[t] = t / span;
            }
            add(new double[days], TREND_PRIOR_SCALE);
            Arrays.fill(columns.get(0), 1);
            add(time, TREND_PRIOR_SCALE);
            boolean beyondStraightLine = n >= MIN_DAYS_FOR_SEASON;
            changepoints = beyondStraightLine ? changepoints(n) : new int[0];
            for (int day : changepoints) {
                double[] hinge = new double[days];
                for (int t = day; t < days; t++) {
                    hinge[t] = time[t] - time[day];
                }
                add(hinge, CHANGEPOINT_PRIOR_SCALE);
            }
            long epochDay = series.start().toEpochDay();
            weeklyColumns = beyondStraightLine ? fourier(epochDay, days, 7, WEEKLY_ORDER) : 0;
            yearlyColumns = n >= MIN_DAYS_FOR_YEARLY ? fourier(epochDay, days, YEAR, YEARLY_ORDER) : 0;
            if (beyondStraightLine) {
                series.regressorsCovering(horizon).forEach((name, values) -> regressor(name, values, days));
            }
            rows = new double[days][columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                for (int t = 0; t < days; t++) {
                    rows[t][j] = columns.get(j)[t];
                }
            }
        }

        /** Prophet's placement: {@code S} changepoints at rounded, evenly spaced days of the first 80%, day 0 excluded. */
        static int[] changepoints(int n) {
            int range = (int) Math.floor(CHANGEPOINT_RANGE * n);
            int count = Math.min(CHANGEPOINTS, range - 1);
            int[] days = new int[Math.max(0, count)];
            for (int j = 1; j <= count; j++) {
                days[j - 1] = (int) Math.rint((double) j * (range - 1) / count); // half to even, as numpy rounds
            }
            return days;
        }

        private int fourier(long epochDay, int days, double period, int order) {
            for (int k = 1; k <= order; k++) {
                double[] sin = new double[days];
                double[] cos = new double[days];
                for (int t = 0; t < days; t++) {
                    double angle = 2 * Math.PI * k * (epochDay + t) / period;
                    sin[t] = Math.sin(angle);
                    cos[t] = Math.cos(angle);
                }
                add(sin, SEASONALITY_PRIOR_SCALE);
                add(cos, SEASONALITY_PRIOR_SCALE);
            }
            return 2 * order;
        }

        /** A 0/1 indicator as is, anything else standardised over the history; constant over it, no information. */
        private void regressor(String name, double[] values, int days) {
            double[] history = Arrays.copyOf(values, n);
            boolean indicator = Arrays.stream(history).allMatch(v -> v == 0 || v == 1);
            double mean = indicator ? 0 : StatUtils.mean(history);
            double sd = indicator ? 1 : Math.sqrt(StatUtils.variance(history));
            if (StatUtils.min(history) == StatUtils.max(history) || !(sd > 0)) {
                return;
            }
            double[] column = new double[days];
            for (int t = 0; t < days; t++) {
                column[t] = (values[t] - mean) / sd;
            }
            add(column, REGRESSOR_PRIOR_SCALE);
            regressorUnits.put(name, sd);
        }

        private void add(double[] column, double priorScale) {
            columns.add(column);
            priorScales.add(priorScale);
        }

        /** The coefficients in demand units per day (the time axis spans {@code n − 1} days). */
        Fit fit(double[] beta, double scale, double sigma, double[] mean) {
            double span = Math.max(1, n - 1);
            int next = 2;
            double[] rateChanges = new double[changepoints.length];
            for (int j = 0; j < rateChanges.length; j++) {
                rateChanges[j] = beta[next++] * scale / span;
            }
            double[] weekly = Arrays.copyOfRange(beta, next, next + weeklyColumns);
            next += weeklyColumns;
            double[] yearly = Arrays.copyOfRange(beta, next, next + yearlyColumns);
            next += yearlyColumns;
            for (int j = 0; j < weekly.length; j++) {
                weekly[j] *= scale;
            }
            for (int j = 0; j < yearly.length; j++) {
                yearly[j] *= scale;
            }
            Map<String, Double> regressors = new LinkedHashMap<>();
            for (Map.Entry<String, Double> regressor : regressorUnits.entrySet()) {
                regressors.put(regressor.getKey(), beta[next++] * scale / regressor.getValue());
            }
            return new Fit(changepoints.clone(), beta[0] * scale, beta[1] * scale / span, rateChanges, weekly, yearly,
                    regressors, sigma, mean, beta.clone());
        }
    }
}
