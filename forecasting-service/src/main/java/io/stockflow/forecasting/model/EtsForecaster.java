package io.stockflow.forecasting.model;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exponential smoothing in its state-space form with additive errors (Hyndman & Athanasopoulos, FPP3 §8.1–8.7,
 * Table 8.7): simple (ETS(A,N,N)), Holt's linear trend (A,A,N), damped trend (A,Ad,N), and Holt-Winters with a
 * season of m days — weekly for daily demand — additive (A,N,A), (A,A,A) or multiplicative (A,N,M), (A,A,M). Each
 * member is fitted by maximum likelihood — for additive Gaussian errors, the smoothing parameters and initial states
 * that minimise the sum of squared one-step errors — under the usual bounds (0 < α < 1, 0 < β < α, 0 < γ < 1 − α,
 * 0.8 ≤ φ ≤ 0.98), and the member with the lowest AICc is the forecast, as R's {@code forecast::ets} selects.
 *
 * <p>Without a season or with an additive one, the one-step predictions are affine in the initial states for given
 * smoothing parameters, so those states are solved exactly by least squares and only the smoothing parameters are
 * searched (BOBYQA; Brent for α alone). A multiplicative season is not affine in them: its initial states are
 * fitted by a few Gauss-Newton steps at each smoothing point, starting from a classical multiplicative
 * decomposition of the first seasons (FPP3 §3.4), then from the best states found so far.
 *
 * <p>Members fitted: simple smoothing always; the trend members from {@value #MIN_DAYS_FOR_TREND} days; the seasonal
 * members from two seasons plus {@value #DAYS_BEYOND_TWO_SEASONS} days; the multiplicative ones only when every day
 * is positive (as R's {@code ets} requires: a day of zero demand — a closed store, a stock-out — pulls a seasonal
 * state towards zero, and the error divided by it explodes). See {@link #select} for the members skipped because a
 * simpler form already loses.
 */
public final class EtsForecaster implements Forecaster {

    public static final String NAME = "ets";

    /** The season of daily demand. */
    public static final int WEEK = 7;

    /** Fewer days than this fit simple smoothing only: a trend needs enough points to be told from noise. */
    static final int MIN_DAYS_FOR_TREND = 10;

    /** Beyond the two seasons that the seasonal initial states need, days to tell the season from noise. */
    static final int DAYS_BEYOND_TWO_SEASONS = 3;

    enum Seasonality { NONE, ADDITIVE, MULTIPLICATIVE }

    /** The additive-error members of the ETS family. */
    public enum Kind {
        SIMPLE("ETS(A,N,N)", false, false, Seasonality.NONE),
        HOLT("ETS(A,A,N)", true, false, Seasonality.NONE),
        DAMPED("ETS(A,Ad,N)", true, true, Seasonality.NONE),
        SEASONAL("ETS(A,N,A)", false, false, Seasonality.ADDITIVE),
        HOLT_WINTERS("ETS(A,A,A)", true, false, Seasonality.ADDITIVE),
        SEASONAL_MULTIPLICATIVE("ETS(A,N,M)", false, false, Seasonality.MULTIPLICATIVE),
        HOLT_WINTERS_MULTIPLICATIVE("ETS(A,A,M)", true, false, Seasonality.MULTIPLICATIVE);

        final String label;
        final boolean trend;
        final boolean damped;
        final Seasonality seasonality;

        Kind(String label, boolean trend, boolean damped, Seasonality seasonality) {
            this.label = label;
            this.trend = trend;
            this.damped = damped;
            this.seasonality = seasonality;
        }

        boolean seasonal() {
            return seasonality != Seasonality.NONE;
        }

        boolean multiplicative() {
            return seasonality == Seasonality.MULTIPLICATIVE;
        }

        /** The free initial states: ℓ0, b0 with a trend, m − 1 seasonal states (the last one is implied). */
        int initialStates(int period) {
            return 1 + (trend ? 1 : 0) + (seasonal() ? period - 1 : 0);
        }

        /** Parameters estimated: α (β, γ, φ), the free initial states, σ². */
        int parameters(int period) {
            int smoothing = 1 + (trend ? 1 : 0) + (seasonal() ? 1 : 0) + (damped ? 1 : 0);
            return smoothing + initialStates(period) + 1;
        }
    }

    /** Smoothing parameters; β and γ are 0, φ is 1, where the member has no such component. */
    public record Smoothing(double alpha, double beta, double gamma, double phi) {
    }

    /**
     * The states at one time: level, trend (0 without one) and the seasonal states of the next m days in order
     * (none without a season).
     */
    public record States(double level, double trend, double[] season) {

        public States {
            season = season.clone();
        }

        /** A copy: the record stays immutable. */
        @Override
        public double[] season() {
            return season.clone();
        }
    }

    /** A fitted member: its parameters, initial and final states, fit statistics. */
    public record Fit(Kind kind, Smoothing smoothing, States initial, States last, double sse, int n, double aicc) {

        /** The member in ETS notation, e.g. {@code ETS(A,A,M)}. */
        public String label() {
            return kind.label;
        }

        double[] forecast(int horizon) {
            double[] season = last.season;
            double[] mean = new double[horizon];
            double damping = 1;
            double trendSum = 0;
            for (int h = 1; h <= horizon; h++) {
                damping *= smoothing.phi();
                trendSum += damping;
                double seasonal = season.length == 0 ? 0 : season[(h - 1) % season.length];
                // Demand cannot be negative: a falling trend stops at zero.
                mean[h - 1] = Math.max(0, combine(kind, last.level + trendSum * last.trend, seasonal));
            }
            return mean;
        }
    }

    /** Evaluations allowed to one search; a converged profiled search takes a few hundred. */
    private static final int MAX_EVALUATIONS = 3_000;

    /** Gauss-Newton steps for the initial states of a multiplicative season at each smoothing point. */
    private static final int GAUSS_NEWTON_STEPS = 2;

    /** Where the search starts: moderate smoothing, a slowly changing trend and season, little damping. */
    private static final Smoothing START = new Smoothing(0.3, 0.03, 0.07, 0.9);

    /**
     * Histories are fitted on their last 52 weeks at most: exponential smoothing weighs older days by (1 − α)^age,
     * which is negligible after a year at any α the data supports, while the fit's cost grows with every day.
     */
    static final int FIT_WINDOW_DAYS = 364;

    private final int period;
    private final Kind only;

    /** Weekly seasonality, for daily demand. */
    public EtsForecaster() {
        this(WEEK);
    }

    public EtsForecaster(int period) {
        this(period, null);
    }

    private EtsForecaster(int period, Kind only) {
        if (period < 2) {
            throw new IllegalArgumentException("A season needs at least 2 days, got " + period);
        }
        this.period = period;
        this.only = only;
    }

    /**
     * This member of the family, chosen by AICc on {@code training}, refitted on each history it is given: the
     * ensemble's later backtest origins refit the structure chosen at the first instead of searching again.
     */
    @Override
    public Forecaster specialisedTo(DemandSeries training) {
        return new EtsForecaster(period, select(window(training.demand())).kind());
    }

    private static double[] window(double[] history) {
        return history.length <= FIT_WINDOW_DAYS ? history
                : Arrays.copyOfRange(history, history.length - FIT_WINDOW_DAYS, history.length);
    }

    private boolean fits(Kind kind, double[] y) {
        return (!kind.seasonal() || y.length >= 2 * period) && (!kind.multiplicative() || StatUtils.min(y) > 0)
                && (!kind.trend || y.length >= MIN_DAYS_FOR_TREND);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireHorizon(horizon);
        DemandHistory.requireValid(history);
        double[] y = window(history);
        Fit fit = only != null && fits(only, y) ? fit(y, only) : select(y);
        return new Forecast(NAME, fit.forecast(horizon));
    }

    /**
     * Fits the members the history allows and keeps the one with the lowest AICc. To stay lean on long histories, a
     * member whose simpler form already loses is not fitted: damping only where Holt's trend beats simple smoothing,
     * Holt-Winters only where a season without trend beats every non-seasonal member, and the multiplicative season
     * only where an additive one does.
     */
    public Fit select(double[] history) {
        DemandHistory.requireValid(history);
        List<Fit> fits = new ArrayList<>();
        Fit simple = fit(history, Kind.SIMPLE);
        fits.add(simple);
        if (history.length >= MIN_DAYS_FOR_TREND) {
            Fit holt = fit(history, Kind.HOLT);
            fits.add(holt);
            if (holt.aicc() < simple.aicc()) {
                fits.add(fit(history, Kind.DAMPED));
            }
        }
        if (history.length < 2 * period + DAYS_BEYOND_TWO_SEASONS) {
            return lowestAicc(fits);
        }
        Fit nonSeasonal = lowestAicc(fits);
        Fit seasonal = fit(history, Kind.SEASONAL);
        if (!(seasonal.aicc() < nonSeasonal.aicc())) {
            return nonSeasonal;
        }
        fits.add(seasonal);
        fits.add(fit(history, Kind.HOLT_WINTERS));
        if (StatUtils.min(history) > 0) {
            fits.add(fit(history, Kind.SEASONAL_MULTIPLICATIVE));
            fits.add(fit(history, Kind.HOLT_WINTERS_MULTIPLICATIVE));
        }
        return lowestAicc(fits);
    }

    private static Fit lowestAicc(List<Fit> fits) {
        return fits.stream().filter(f -> Double.isFinite(f.aicc())).min(Comparator.comparingDouble(Fit::aicc))
                .orElse(fits.get(0));
    }

    /**
     * Maximum-likelihood fit of one member.
     *
     * @throws IllegalArgumentException for a seasonal member with less than two seasons of history, or a
     *                                  multiplicative one with a day that is not positive
     */
    public Fit fit(double[] y, Kind kind) {
        DemandHistory.requireValid(y);
        if (kind.seasonal() && y.length < 2 * period) {
            throw new IllegalArgumentException(kind.label + " needs two seasons (" + 2 * period + " days), got "
                    + y.length);
        }
        if (kind.multiplicative() && StatUtils.min(y) <= 0) {
            throw new IllegalArgumentException(kind.label + " needs every day's demand to be positive");
        }
        // Search space: α, β/α, γ/(1−α), φ as the member has them, so that the bounds are a box.
        List<double[]> box = new ArrayList<>();
        box.add(new double[]{START.alpha(), 1e-4, 0.9999});
        if (kind.trend) {
            box.add(new double[]{START.beta() / START.alpha(), 1e-4, 0.9999});
        }
        if (kind.seasonal()) {
            box.add(new double[]{START.gamma() / (1 - START.alpha()), 1e-4, 0.9999});
        }
        if (kind.damped) {
            box.add(new double[]{START.phi(), 0.8, 0.98});
        }
        // The multiplicative Gauss-Newton starts from the states of the best point so far: a few steps then suffice.
        double[] warmStart = kind.multiplicative() ? decompositionStart(y, kind, period)
                : new double[kind.initialStates(period)];
        double[] bestSse = {Double.POSITIVE_INFINITY};
        MultivariateFunction objective = p -> {
            Fit fit = profile(y, kind, period, smoothing(kind, p), warmStart);
            if (fit.sse() < bestSse[0]) {
                bestSse[0] = fit.sse();
                System.arraycopy(freeStates(kind, fit.initial()), 0, warmStart, 0, warmStart.length);
            }
            return fit.sse();
        };
        double[] best = minimise(objective, box);
        return profile(y, kind, period, smoothing(kind, best), warmStart);
    }

    /** Minimises within the box, each row {start, lower, upper}: Brent in one dimension, else BOBYQA. */
    private static double[] minimise(MultivariateFunction objective, List<double[]> box) {
        int dimension = box.size();
        double[] start = new double[dimension];
        double[] lower = new double[dimension];
        double[] upper = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            lower[i] = box.get(i)[1];
            upper[i] = box.get(i)[2];
            start[i] = Math.min(upper[i] - 1e-6, Math.max(lower[i] + 1e-6, box.get(i)[0]));
        }
        if (dimension == 1) {
            double x = new BrentOptimizer(1e-6, 1e-8).optimize(new MaxEval(1_000),
                    new UnivariateObjectiveFunction(a -> objective.value(new double[]{a})), GoalType.MINIMIZE,
                    new SearchInterval(lower[0], upper[0], start[0])).getPoint();
            return new double[]{x};
        }
        // A search that crawls along a flat valley (φ, or a season that barely changes) stops at the evaluation
        // budget: the best point seen is as good an estimate as any.
        double[] best = start.clone();
        double[] bestValue = {objective.value(start)};
        MultivariateFunction tracked = p -> {
            double value = objective.value(p);
            if (value < bestValue[0]) {
                bestValue[0] = value;
                System.arraycopy(p, 0, best, 0, dimension);
            }
            return value;
        };
        try {
            new BOBYQAOptimizer(2 * dimension + 1, 0.05, 1e-4).optimize(new MaxEval(MAX_EVALUATIONS),
                    new ObjectiveFunction(tracked), GoalType.MINIMIZE, new InitialGuess(start),
                    new SimpleBounds(lower, upper));
        } catch (TooManyEvaluationsException budgetSpent) {
            // keep the best point seen
        }
        return best;
    }

    private static Smoothing smoothing(Kind kind, double[] p) {
        int next = 0;
        double alpha = p[next++];
        double beta = kind.trend ? alpha * p[next++] : 0;
        double gamma = kind.seasonal() ? (1 - alpha) * p[next++] : 0;
        double phi = kind.damped ? p[next] : 1;
        return new Smoothing(alpha, beta, gamma, phi);
    }

    /**
     * Initial states from the free ones (ℓ0, b0 with a trend, s0 … s(m−2)): the last seasonal state makes the season
     * sum to 0 (additive) or m (multiplicative), as FPP3 §8.3 normalises it.
     */
    static States initialStates(Kind kind, int period, double[] free) {
        double level = free[0];
        double trend = kind.trend ? free[1] : 0;
        if (!kind.seasonal()) {
            return new States(level, trend, new double[0]);
        }
        int first = kind.trend ? 2 : 1;
        double[] season = new double[period];
        double last = kind.multiplicative() ? period : 0;
        for (int i = 0; i < period - 1; i++) {
            season[i] = free[first + i];
            last -= season[i];
        }
        season[period - 1] = last;
        return new States(level, trend, season);
    }

    /** The free initial states of a fit's initial states: ℓ0, b0 with a trend, s0 … s(m−2). */
    private static double[] freeStates(Kind kind, States initial) {
        double[] free = new double[kind.initialStates(initial.season.length)];
        free[0] = initial.level;
        if (kind.trend) {
            free[1] = initial.trend;
        }
        int first = kind.trend ? 2 : 1;
        System.arraycopy(initial.season, 0, free, first, free.length - first);
        return free;
    }

    /**
     * The least-squares initial states for these smoothing parameters, and the fit they give: Gauss-Newton from
     * {@code free}. Without a multiplicative season the predictions are affine in the initial states, so one step
     * is exact; with one, a few steps from a nearby start.
     */
    static Fit profile(double[] y, Kind kind, int period, Smoothing smoothing, double[] free) {
        Fit fit = run(y, kind, smoothing, initialStates(kind, period, free));
        double[] current = free;
        for (int step = 0; step < (kind.multiplicative() ? GAUSS_NEWTON_STEPS : 1); step++) {
            double[] next = gaussNewtonStep(y, kind, period, smoothing, current);
            Fit candidate = run(y, kind, smoothing, initialStates(kind, period, next));
            if (!(candidate.sse() < fit.sse())) {
                break;
            }
            fit = candidate;
            current = next;
        }
        return fit;
    }

    /** One Gauss-Newton step: the Jacobian by differences, then the normal equations by Cholesky. */
    private static double[] gaussNewtonStep(double[] y, Kind kind, int period, Smoothing smoothing, double[] free) {
        int n = y.length;
        int k = free.length;
        double[] base = new double[n];
        filter(y, kind, smoothing, initialStates(kind, period, free), base);
        double[][] columns = new double[k][n];
        for (int j = 0; j < k; j++) {
            // Affine predictions: a unit difference is exact. Otherwise a small one.
            double h = kind.multiplicative() ? 1e-6 * Math.max(1, Math.abs(free[j])) : 1;
            double[] shifted = free.clone();
            shifted[j] += h;
            filter(y, kind, smoothing, initialStates(kind, period, shifted), columns[j]);
            for (int t = 0; t < n; t++) {
                columns[j][t] = (columns[j][t] - base[t]) / h;
            }
        }
        double[][] normal = new double[k][k];
        double[] rhs = new double[k];
        double largest = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double dot = 0;
                for (int t = 0; t < n; t++) {
                    dot += columns[a][t] * columns[b][t];
                }
                normal[a][b] = dot;
                normal[b][a] = dot;
            }
            double dot = 0;
            for (int t = 0; t < n; t++) {
                dot += columns[a][t] * (y[t] - base[t]);
            }
            rhs[a] = dot;
            largest = Math.max(largest, normal[a][a]);
        }
        // A negligible ridge keeps the system positive definite when a state barely affects the predictions.
        for (int a = 0; a < k; a++) {
            normal[a][a] += 1e-12 * largest;
        }
        double[] step = new CholeskyDecomposition(new Array2DRowRealMatrix(normal, false), 1e-15, 0).getSolver()
                .solve(new ArrayRealVector(rhs, false)).toArray();
        double[] next = free.clone();
        for (int j = 0; j < k; j++) {
            next[j] += step[j];
        }
        return next;
    }

    /**
     * Seasonal indices from the ratios to a centred moving average of one season (2×m-MA for even m) over the first
     * seasons, normalised to sum to m; then ℓ0 (and b0) from a least-squares line through the seasonally adjusted
     * days, as the free initial-state vector.
     */
    private static double[] decompositionStart(double[] y, Kind kind, int period) {
        int days = Math.min(y.length, 4 * period);
        int half = period / 2;
        double[] ratioSum = new double[period];
        int[] count = new int[period];
        for (int t = half; t + half < days; t++) {
            double sum = 0;
            for (int j = -half; j <= half; j++) {
                sum += (period % 2 == 0 && Math.abs(j) == half ? 0.5 : 1) * y[t + j];
            }
            ratioSum[t % period] += y[t] / (sum / period);
            count[t % period]++;
        }
        double[] index = new double[period];
        for (int i = 0; i < period; i++) {
            index[i] = ratioSum[i] / count[i];
        }
        double normalise = period / StatUtils.sum(index);
        SimpleRegression line = new SimpleRegression();
        for (int t = 0; t < days; t++) {
            line.addData(t, y[t] / (index[t % period] * normalise));
        }
        double[] free = new double[kind.initialStates(period)];
        // ℓ0 + b0 is the adjusted day 0, the line's intercept; without a trend ℓ0 is their mean, the line at mid-window.
        free[0] = kind.trend ? line.getIntercept() - line.getSlope() : line.predict((days - 1) / 2.0);
        if (kind.trend) {
            free[1] = line.getSlope();
        }
        for (int i = 0; i < period - 1; i++) {
            free[free.length - period + 1 + i] = index[i] * normalise;
        }
        return free;
    }

    /** Runs the state equations from given parameters and initial states: the fit, its SSE and AICc. */
    static Fit run(double[] y, Kind kind, Smoothing smoothing, States initial) {
        double[] predictions = new double[y.length];
        States last = filter(y, kind, smoothing, initial, predictions);
        double sse = 0;
        for (int t = 0; t < y.length; t++) {
            double error = y[t] - predictions[t];
            sse += error * error;
        }
        if (!Double.isFinite(sse)) {
            sse = Double.POSITIVE_INFINITY;
        }
        int period = initial.season.length;
        return new Fit(kind, smoothing, initial, last, sse, y.length,
                DemandHistory.gaussianAicc(sse, y.length, kind.parameters(period)));
    }

    /**
     * The state equations of FPP3 Table 8.7 with additive errors: {@code ŷ = ℓ + φb (+ s | × s)}; the level and
     * trend move by α and β times the error — divided by s with a multiplicative season —, the seasonal state by γ
     * times the error — divided by ℓ + φb with a multiplicative season. Writes the one-step predictions; a
     * multiplicative member that reaches a non-positive state is inadmissible, its remaining predictions NaN.
     *
     * @return the states after the last day
     */
    private static States filter(double[] y, Kind kind, Smoothing p, States initial, double[] predictions) {
        double level = initial.level;
        double trend = initial.trend;
        double[] season = initial.season.clone(); // season[t % m] is the state of day t
        int m = season.length;
        for (int t = 0; t < y.length; t++) {
            double underlying = level + p.phi() * trend;
            double seasonal = m == 0 ? 0 : season[t % m];
            if (kind.multiplicative() && (underlying <= 0 || seasonal <= 0)) {
                Arrays.fill(predictions, t, y.length, Double.NaN);
                break;
            }
            double prediction = combine(kind, underlying, seasonal);
            double error = y[t] - prediction;
            predictions[t] = prediction;
            double levelError = kind.multiplicative() ? error / seasonal : error;
            level = underlying + p.alpha() * levelError;
            trend = p.phi() * trend + p.beta() * levelError;
            if (m > 0) {
                season[t % m] = seasonal + p.gamma() * (kind.multiplicative() ? error / underlying : error);
            }
        }
        double[] next = new double[m];
        for (int h = 0; h < m; h++) {
            next[h] = season[(y.length + h) % m];
        }
        return new States(level, trend, next);
    }

    private static double combine(Kind kind, double underlying, double seasonal) {
        return switch (kind.seasonality) {
            case NONE -> underlying;
            case ADDITIVE -> underlying + seasonal;
            case MULTIPLICATIVE -> underlying * seasonal;
        };
    }
}
