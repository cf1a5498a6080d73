package io.stockflow.forecasting.model;

import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.Pair;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seasonal ARIMA(p,d,q)(P,D,Q)[m] with automatic order selection as in Hyndman &amp; Khandakar (2008), "Automatic
 * time series forecasting: the forecast package for R", J. Stat. Softw. 27(3) §3, and R's
 * {@code forecast::auto.arima(stepwise = TRUE)} (FPP3 §9.7–9.9):
 * <ul>
 *   <li>D ∈ {0, 1}: one seasonal difference when the seasonal strength {@code max(0, 1 − Var(R)/Var(S + R))} of
 *   an additive decomposition exceeds 0.64, as {@code forecast::nsdiffs} does with its default "seas" test. The
 *   decomposition here is the classical one (centred moving-average trend, seasonal means; FPP3 §3.4) where
 *   nsdiffs uses STL (mstl).</li>
 *   <li>d ≤ 2: difference while the KPSS test rejects level stationarity at 5% (statistic above 0.463;
 *   Kwiatkowski et al. 1992), Newey-West long-run variance with Bartlett weights over {@code trunc(3·√n/13)} lags
 *   as forecast::ndiffs sets them. urca's and tseries' "short" rule, {@code trunc(4·(n/100)^¼)}, gives the same 6
 *   lags at 730 days but more on short series, enough to keep WWWusage undifferenced where auto.arima takes
 *   d = 1.</li>
 *   <li>p, q ≤ 5 (and below m when the season is modelled), P, Q ≤ 2, each at most n/3 (n/3m for P and Q):
 *   stepwise search from ARIMA(2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0) and (0,d,1)(0,D,1), moving one or
 *   two orders by one and toggling the constant, in auto.arima's order, while the AICc improves (at most 94
 *   models). A constant — the mean when d + D = 0, a drift when d + D = 1 — is allowed only when d + D ≤ 1.</li>
 *   <li>Fits whose expanded AR or MA polynomial has a root within modulus 1.01 are rejected, as auto.arima does:
 *   they are not stationary or not invertible.</li>
 * </ul>
 * Estimation is by conditional sum of squares (CSS; Box, Jenkins &amp; Reinsel §7.1.2): the one-step errors of the
 * differenced series after its first {@code d + Dm + p + Pm} observations, with errors before them set to zero. It
 * is a plain least-squares problem, solved by Levenberg-Marquardt, an order of magnitude cheaper than exact
 * likelihood through a Kalman filter, and it is what auto.arima itself selects with for series over 150
 * observations; with two years of days, conditioning on a few weeks changes little. The AICc is auto.arima's CSS
 * criterion {@code n*·log σ̂² + 2k + 2k(k+1)/(n* − k − 1)} (up to a constant), with n* = n − d − Dm,
 * σ̂² the mean squared CSS error and k the coefficients plus σ².
 * <p>
 * A constant history is forecast as that constant; a history of two seasons or less is fitted without a seasonal
 * part; when no candidate is admissible the model falls back to ARIMA(0,d,0)(0,D,0) with its constant.
 */
public final class ArimaForecaster implements Forecaster {

    public static final String NAME = "arima";

    /** Daily demand repeats weekly. */
    public static final int WEEK = 7;

    static final int MAX_P = 5;
    static final int MAX_Q = 5;
    static final int MAX_SEASONAL_P = 2;
    static final int MAX_SEASONAL_Q = 2;
    static final int MAX_D = 2;
    static final int MAX_MODELS = 94;
    /** KPSS level-stationarity critical value at 5% (Kwiatkowski et al. 1992, Table 1). */
    static final double KPSS_CRITICAL_VALUE = 0.463;
    static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;
    static final double MIN_ROOT_MODULUS = 1.01;

    /**
     * An ARIMA(p,d,q)(P,D,Q)[m] order; {@code period} 1 means no seasonal part.
     */
    public record Order(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period) {

        public Order {
            if (Math.min(Math.min(p, d), Math.min(q, Math.min(seasonalP, Math.min(seasonalD, seasonalQ)))) < 0
                    || period < 1) {
                throw new IllegalArgumentException("Orders must be >= 0 and the period >= 1");
            }
            if (period == 1 && seasonalP + seasonalD + seasonalQ > 0) {
                throw new IllegalArgumentException("A seasonal order needs a period above 1");
            }
        }

        public static Order nonSeasonal(int p, int d, int q) {
            return new Order(p, d, q, 0, 0, 0, 1);
        }

        /** Observations lost to differencing. */
        int differencingLoss() {
            return d + seasonalD * period;
        }

        /** Observations the conditional sum of squares conditions on. */
        int conditioning() {
            return differencingLoss() + p + seasonalP * period;
        }

        int coefficients() {
            return p + q + seasonalP + seasonalQ;
        }

        @Override
        public String toString() {
            String nonSeasonal = "ARIMA(" + p + "," + d + "," + q + ")";
            return seasonalP + seasonalD + seasonalQ == 0 ? nonSeasonal
                    : nonSeasonal + "(" + seasonalP + "," + seasonalD + "," + seasonalQ + ")[" + period + "]";
        }
    }

    /**
     * A fitted model, with coefficients in R's sign convention: {@code (1 − Σφi·B^i)(1 − ΣΦi·B^mi)} on the AR side,
     * {@code (1 + Σθi·B^i)(1 + ΣΘi·B^mi)} on the MA side.
     *
     * @param constant the mean when d + D = 0, the drift per day when d + D = 1; 0 without a constant
     * @param sigma2   CSS sum of squares over {@code n* − k + 1}, as forecast::Arima reports it
     * @param aicc     {@link Double#POSITIVE_INFINITY} when the fit is not stationary or not invertible
     */
    public record Fit(Order order, double[] ar, double[] ma, double[] seasonalAr, double[] seasonalMa,
                      boolean hasConstant, double constant, double sigma2, double aicc) {

        public String label() {
            if (!hasConstant) {
                return order.toString();
            }
            return order + (order.differencingLoss() == 0 ? " with non-zero mean" : " with drift");
        }

        /** φ, θ, Φ, Θ and the constant in one vector, as they are estimated. */
        double[] parameters() {
            double[] parameters = new double[order.coefficients() + (hasConstant ? 1 : 0)];
            int from = 0;
            for (double[] part : new double[][]{ar, ma, seasonalAr, seasonalMa, hasConstant ? new double[]{constant}
                    : new double[0]}) {
                System.arraycopy(part, 0, parameters, from, part.length);
                from += part.length;
            }
            return parameters;
        }

        double[] arPolynomial() {
            return multiply(lagPolynomial(ar, 1, -1), lagPolynomial(seasonalAr, order.period(), -1));
        }

        double[] maPolynomial() {
            return multiply(lagPolynomial(ma, 1, 1), lagPolynomial(seasonalMa, order.period(), 1));
        }

        /** The mean or drift term at day {@code t} (0-based), R's intercept or {@code drift = 1:n}. */
        double regression(int t) {
            if (!hasConstant) {
                return 0;
            }
            return order.differencingLoss() == 0 ? constant : constant * (t + 1);
        }

        /**
         * Point forecasts: the model's difference equation run forward from the history, future errors zero and
         * past errors the CSS residuals; demand cannot be negative, so they stop at zero.
         */
        double[] forecast(double[] history, int horizon) {
            int n = history.length;
            double[] deviations = new double[n + horizon];
            for (int t = 0; t < n; t++) {
                deviations[t] = history[t] - regression(t);
            }
            double[] errors = Arrays.copyOf(new CssProblem(history, order, hasConstant).errors(parameters()),
                    n + horizon);
            double[] integrated = multiply(arPolynomial(), differencingPolynomial(order));
            double[] ma = maPolynomial();
            double[] mean = new double[horizon];
            for (int t = n; t < n + horizon; t++) {
                double value = 0;
                for (int k = 1; k < integrated.length; k++) {
                    value -= integrated[k] * deviations[t - k];
                }
                for (int j = 1; j < ma.length; j++) {
                    value += ma[j] * errors[t - j];
                }
                deviations[t] = value;
                mean[t - n] = Math.max(0, value + regression(t));
            }
            return mean;
        }
    }

    private final int period;

    /** Daily demand with a weekly season. */
    public ArimaForecaster() {
        this(WEEK);
    }

    /** @param period the season in observations; 1 for a non-seasonal model */
    public ArimaForecaster(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("The period must be >= 1, got " + period);
        }
        this.period = period;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireHorizon(horizon);
        return new Forecast(NAME, fit(history).forecast(history, horizon));
    }

    /** The order chosen on {@code training}, re-estimated on each history; the full search where it cannot be. */
    @Override
    public Forecaster specialisedTo(DemandSeries training) {
        Fit chosen = fit(training.demand());
        return new Forecaster() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Forecast forecast(double[] history, int horizon) {
                DemandHistory.requireHorizon(horizon);
                Fit fit;
                try {
                    fit = ArimaForecaster.this.fit(history, chosen.order(), chosen.hasConstant());
                } catch (IllegalArgumentException tooShort) {
                    fit = ArimaForecaster.this.fit(history);
                }
                return new Forecast(NAME, fit.forecast(history, horizon));
            }
        };
    }

    /** Chooses the differencing and the orders automatically, then returns the selected fit. */
    public Fit fit(double[] history) {
        DemandHistory.requireValid(history);
        int n = history.length;
        if (isConstant(history)) {
            return meanFit(history);
        }
        int season = n > 2 * period ? period : 1;
        int seasonalD = season > 1 ? seasonalDifferences(history, season) : 0;
        int d = nonSeasonalDifferences(difference(history, season, seasonalD));
        boolean constantAllowed = d + seasonalD <= 1;
        Order noArma = new Order(0, d, 0, 0, seasonalD, 0, season);
        if (isConstant(difference(difference(history, season, seasonalD), 1, d))) {
            return fallback(history, noArma, constantAllowed);
        }
        int maxSeasonalP = season > 1 ? Math.min(MAX_SEASONAL_P, n / 3 / season) : 0;
        int maxSeasonalQ = season > 1 ? Math.min(MAX_SEASONAL_Q, n / 3 / season) : 0;
        int maxP = Math.min(MAX_P, n / 3);
        int maxQ = Math.min(MAX_Q, n / 3);
        if (maxSeasonalP > 0) {
            maxP = Math.min(maxP, season - 1);
        }
        if (maxSeasonalQ > 0) {
            maxQ = Math.min(maxQ, season - 1);
        }
        StepwiseSearch search = new StepwiseSearch(history, noArma, new Candidate(maxP, maxQ, maxSeasonalP,
                maxSeasonalQ, true));
        Fit best = search.run(constantAllowed);
        return Double.isFinite(best.aicc()) ? best : fallback(history, noArma, constantAllowed);
    }

    /**
     * CSS fit of one order.
     *
     * @param constant a mean (d + D = 0) or a drift (d + D = 1); refused with more differencing
     * @throws IllegalArgumentException if the history is too short for the order or the fit fails
     */
    public Fit fit(double[] history, Order order, boolean constant) {
        DemandHistory.requireValid(history);
        if (constant && order.d() + order.seasonalD() > 1) {
            throw new IllegalArgumentException("A constant needs d + D <= 1, got " + order);
        }
        return estimate(history, order, constant).orElseThrow(() -> new IllegalArgumentException(
                order + " cannot be estimated from " + history.length + " days"));
    }

    /** ARIMA(0,d,0)(0,D,0), which has no roots to reject; the mean when even that history is too short. */
    private static Fit fallback(double[] history, Order noArma, boolean constant) {
        return estimate(history, noArma, constant).orElseGet(() -> meanFit(history));
    }

    /** ARIMA(0,0,0) with the mean, in closed form: defined from a single day on. */
    private static Fit meanFit(double[] history) {
        int n = history.length;
        double mean = StatUtils.mean(history);
        double sumOfSquares = n > 1 ? StatUtils.variance(history) * (n - 1) : 0;
        double[] none = new double[0];
        return new Fit(Order.nonSeasonal(0, 0, 0), none, none, none, none, true, mean,
                sumOfSquares / Math.max(1, n - 1), DemandHistory.gaussianAicc(sumOfSquares, n, 2));
    }

    /** Orders of the stepwise search, relative to the fixed differencing. */
    private record Candidate(int p, int q, int seasonalP, int seasonalQ, boolean constant) {

        Candidate shift(int dp, int dq, int dsp, int dsq) {
            return new Candidate(p + dp, q + dq, seasonalP + dsp, seasonalQ + dsq, constant);
        }

        boolean within(Candidate max) {
            return p >= 0 && q >= 0 && seasonalP >= 0 && seasonalQ >= 0 && p <= max.p && q <= max.q
                    && seasonalP <= max.seasonalP && seasonalQ <= max.seasonalQ;
        }
    }

    /** Neighbours in the order auto.arima visits them: seasonal orders first, then non-seasonal ones. */
    private static final int[][] MOVES = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
            {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
            {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};

    /** Hyndman &amp; Khandakar (2008) §3.2, step by step as auto.arima takes it; every fit kept once. */
    private static final class StepwiseSearch {
        final double[] history;
        final Order differencing;
        /** The highest orders allowed; its constant flag is not read. */
        final Candidate max;
        final Map<Candidate, Fit> fitted = new HashMap<>();

        StepwiseSearch(double[] history, Order differencing, Candidate max) {
            this.history = history;
            this.differencing = differencing;
            this.max = max;
        }

        Fit run(boolean constantAllowed) {
            int startOrder = history.length < 10 ? 1 : 2;
            int startSeasonal = history.length < 10 ? 0 : 1;
            Candidate best = new Candidate(Math.min(startOrder, max.p), Math.min(startOrder, max.q),
                    Math.min(startSeasonal, max.seasonalP), Math.min(startSeasonal, max.seasonalQ), constantAllowed);
            best = better(best, new Candidate(0, 0, 0, 0, constantAllowed));
            best = better(best, new Candidate(Math.min(1, max.p), 0, Math.min(1, max.seasonalP), 0, constantAllowed));
            best = better(best, new Candidate(0, Math.min(1, max.q), 0, Math.min(1, max.seasonalQ), constantAllowed));
            if (constantAllowed) {
                best = better(best, new Candidate(0, 0, 0, 0, false));
            }
            boolean improved = true;
            while (improved && fitted.size() < MAX_MODELS) {
                improved = false;
                for (int[] move : MOVES) {
                    Candidate neighbour = best.shift(move[0], move[1], move[2], move[3]);
                    if (neighbour.within(max) && !fitted.containsKey(neighbour) && fitted.size() < MAX_MODELS) {
                        Candidate kept = better(best, neighbour);
                        if (kept != best) {
                            best = kept;
                            improved = true;
                            break;
                        }
                    }
                }
                Candidate toggled = new Candidate(best.p, best.q, best.seasonalP, best.seasonalQ, !best.constant);
                if (!improved && constantAllowed && !fitted.containsKey(toggled) && fitted.size() < MAX_MODELS) {
                    Candidate kept = better(best, toggled);
                    improved = kept != best;
                    best = kept;
                }
            }
            return fitted.get(best);
        }

        /** Fits the challenger if new; keeps the incumbent unless the challenger's AICc is strictly lower. */
        private Candidate better(Candidate incumbent, Candidate challenger) {
            Fit challengerFit = fitted.computeIfAbsent(challenger, this::estimate);
            Fit incumbentFit = fitted.computeIfAbsent(incumbent, this::estimate);
            return challengerFit.aicc() < incumbentFit.aicc() ? challenger : incumbent;
        }

        private Fit estimate(Candidate candidate) {
            Order order = new Order(candidate.p, differencing.d(), candidate.q, candidate.seasonalP,
                    differencing.seasonalD(), candidate.seasonalQ, differencing.period());
            return ArimaForecaster.estimate(history, order, candidate.constant)
                    .orElseGet(() -> inadmissible(order, candidate.constant));
        }

        private static Fit inadmissible(Order order, boolean constant) {
            return new Fit(order, new double[order.p()], new double[order.q()], new double[order.seasonalP()],
                    new double[order.seasonalQ()], constant, 0, Double.NaN, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Minimises the conditional sum of squares; empty when the history leaves no more residuals than
     * parameters or the optimiser fails. Coefficients start at zero and the constant at its least-squares value
     * on the differenced series, as stats::arima starts them.
     */
    static Optional<Fit> estimate(double[] history, Order order, boolean hasConstant) {
        int n = history.length;
        CssProblem problem = new CssProblem(history, order, hasConstant);
        int parameters = problem.parameters();
        if (problem.residualCount() <= parameters || problem.residualCount() < 1) {
            return Optional.empty();
        }
        double[] start = new double[parameters];
        if (hasConstant) {
            start[parameters - 1] = StatUtils.mean(problem.differenced, order.differencingLoss(),
                    n - order.differencingLoss()) / problem.driftGain();
        }
        double[] point = start;
        if (parameters > 0) {
            try {
                Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                        .model(problem).target(new double[problem.residualCount()]).start(start)
                        .maxEvaluations(2_000).maxIterations(200).lazyEvaluation(false).build());
                point = optimum.getPoint().toArray();
            } catch (MathIllegalStateException | MathArithmeticException e) {
                return Optional.empty();
            }
        }
        double sumOfSquares = 0;
        for (double error : problem.errors(point)) {
            sumOfSquares += error * error;
        }
        if (!Double.isFinite(sumOfSquares)) {
            return Optional.empty();
        }
        Fit unchecked = toFit(order, hasConstant, point, 0, 0);
        int effective = n - order.differencingLoss();
        int k = parameters + 1; // and σ²
        boolean admissible = allRootsOutside(unchecked.arPolynomial(), MIN_ROOT_MODULUS)
                && allRootsOutside(unchecked.maPolynomial(), MIN_ROOT_MODULUS);
        double meanSquare = sumOfSquares / problem.residualCount();
        double aicc = admissible ? DemandHistory.gaussianAicc(effective * meanSquare, effective, k)
                : Double.POSITIVE_INFINITY;
        double sigma2 = sumOfSquares / Math.max(1, effective - k + 1);
        return Optional.of(toFit(order, hasConstant, point, sigma2, aicc));
    }

    /** Parameter vector layout: φ, θ, Φ, Θ, then the constant. */
    private static Fit toFit(Order order, boolean hasConstant, double[] point, double sigma2, double aicc) {
        int from = 0;
        double[] ar = Arrays.copyOfRange(point, from, from += order.p());
        double[] ma = Arrays.copyOfRange(point, from, from += order.q());
        double[] seasonalAr = Arrays.copyOfRange(point, from, from += order.seasonalP());
        double[] seasonalMa = Arrays.copyOfRange(point, from, from += order.seasonalQ());
        return new Fit(order, ar, ma, seasonalAr, seasonalMa, hasConstant, hasConstant ? point[from] : 0, sigma2,
                aicc);
    }

    /**
     * The CSS errors of one order on one history as a least-squares model: R's ARIMA_CSS recursion
     * {@code e_t = φ(B)Φ(B^m)(w_t − c) − Σ θ*j·e(t−j)} from the conditioning observations on, earlier errors zero,
     * w the differenced history and c the mean or differenced drift. The expanded polynomials are sparse —
     * (p+1)(P+1) and (q+1)(Q+1) terms — so only those terms are visited. The Jacobian is by forward differences.
     */
    private static final class CssProblem implements MultivariateJacobianFunction {
        /** The history differenced in place, as R does: the first d + Dm values are never read. */
        final double[] differenced;
        private final Order order;
        private final boolean hasConstant;
        private final int conditioning;
        private final int[] arLags;
        private final int[] maLags;
        private final double[] arTerms;
        private final double[] maTerms;

        CssProblem(double[] history, Order order, boolean hasConstant) {
            this.differenced = difference(history, order);
            this.order = order;
            this.hasConstant = hasConstant;
            this.conditioning = order.conditioning();
            this.arLags = productLags(order.p(), order.seasonalP(), order.period(), false);
            this.maLags = productLags(order.q(), order.seasonalQ(), order.period(), true);
            this.arTerms = new double[arLags.length];
            this.maTerms = new double[maLags.length];
        }

        /** Lags i + m·j of a product of two lag polynomials, ascending when the inner order is below m. */
        private static int[] productLags(int order, int seasonalOrder, int period, boolean skipLagZero) {
            int[] lags = new int[(order + 1) * (seasonalOrder + 1) - (skipLagZero ? 1 : 0)];
            int term = 0;
            for (int j = 0; j <= seasonalOrder; j++) {
                for (int i = 0; i <= order; i++) {
                    if (i + j > 0 || !skipLagZero) {
                        lags[term++] = i + period * j;
                    }
                }
            }
            return lags;
        }

        int parameters() {
            return order.coefficients() + (hasConstant ? 1 : 0);
        }

        int residualCount() {
            return differenced.length - conditioning;
        }

        /** What one unit of drift per day adds to the differenced series: 1 after (1 − B), m after (1 − B^m). */
        int driftGain() {
            return order.d() == 0 && order.seasonalD() == 1 ? order.period() : 1;
        }

        /** The errors for every day, zero before the conditioning observations. */
        double[] errors(double[] point) {
            int p = order.p();
            int q = order.q();
            int seasonalP = order.seasonalP();
            int seasonalQ = order.seasonalQ();
            int term = 0;
            for (int j = 0; j <= seasonalP; j++) {
                double seasonal = j == 0 ? 1 : -point[p + q + j - 1];
                for (int i = 0; i <= p; i++) {
                    arTerms[term++] = seasonal * (i == 0 ? 1 : -point[i - 1]);
                }
            }
            term = 0;
            for (int j = 0; j <= seasonalQ; j++) {
                double seasonal = j == 0 ? 1 : point[p + q + seasonalP + j - 1];
                for (int i = 0; i <= q; i++) {
                    if (i + j > 0) {
                        maTerms[term++] = seasonal * (i == 0 ? 1 : point[p + i - 1]);
                    }
                }
            }
            double shift = 0;
            if (hasConstant) {
                double level = point[point.length - 1] * driftGain();
                for (double arTerm : arTerms) {
                    shift += arTerm * level;
                }
            }
            int n = differenced.length;
            double[] errors = new double[n];
            for (int t = conditioning; t < n; t++) {
                double error = -shift;
                for (int k = 0; k < arLags.length; k++) {
                    error += arTerms[k] * differenced[t - arLags[k]];
                }
                for (int k = 0; k < maLags.length && maLags[k] <= t - conditioning; k++) {
                    error -= maTerms[k] * errors[t - maLags[k]];
                }
                errors[t] = error;
            }
            return errors;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector parameters) {
            double[] point = parameters.toArray();
            double[] base = errors(point);
            int count = residualCount();
            double[][] jacobian = new double[count][point.length];
            for (int j = 0; j < point.length; j++) {
                double original = point[j];
                double step = 1e-7 * Math.max(1, Math.abs(original));
                point[j] = original + step;
                double[] moved = errors(point);
                point[j] = original;
                for (int i = 0; i < count; i++) {
                    jacobian[i][j] = (moved[conditioning + i] - base[conditioning + i]) / step;
                }
            }
            return new Pair<>(new ArrayRealVector(Arrays.copyOfRange(base, conditioning, base.length), false),
                    new Array2DRowRealMatrix(jacobian, false));
        }
    }

    /** {@code 1 + sign·Σ ci·B^(spacing·i)} as coefficients by power of B. */
    static double[] lagPolynomial(double[] coefficients, int spacing, int sign) {
        double[] polynomial = new double[coefficients.length * spacing + 1];
        polynomial[0] = 1;
        for (int i = 0; i < coefficients.length; i++) {
            polynomial[(i + 1) * spacing] = sign * coefficients[i];
        }
        return polynomial;
    }

    static double[] multiply(double[] left, double[] right) {
        double[] product = new double[left.length + right.length - 1];
        for (int i = 0; i < left.length; i++) {
            for (int j = 0; j < right.length; j++) {
                product[i + j] += left[i] * right[j];
            }
        }
        return product;
    }

    /** {@code (1 − B)^d (1 − B^m)^D}. */
    static double[] differencingPolynomial(Order order) {
        double[] polynomial = {1};
        for (int i = 0; i < order.d(); i++) {
            polynomial = multiply(polynomial, lagPolynomial(new double[]{1}, 1, -1));
        }
        for (int i = 0; i < order.seasonalD(); i++) {
            polynomial = multiply(polynomial, lagPolynomial(new double[]{1}, order.period(), -1));
        }
        return polynomial;
    }

    /**
     * Whether every root of {@code 1 + Σ ak·z^k} has modulus above {@code radius}: the roots of a(radius·z) lie
     * outside the unit circle exactly when every reflection coefficient of the Levinson step-down recursion has
     * modulus below one (Schur-Cohn test), which needs no root finding.
     */
    static boolean allRootsOutside(double[] polynomial, double radius) {
        int degree = polynomial.length - 1;
        double[] a = new double[degree];
        for (int k = 1; k <= degree; k++) {
            a[k - 1] = polynomial[k] * Math.pow(radius, k);
        }
        for (int j = degree; j >= 1; j--) {
            double reflection = a[j - 1];
            if (!(Math.abs(reflection) < 1)) {
                return false;
            }
            double[] lower = new double[j - 1];
            for (int i = 1; i < j; i++) {
                lower[i - 1] = (a[i - 1] - reflection * a[j - i - 1]) / (1 - reflection * reflection);
            }
            a = lower;
        }
        return true;
    }

    /**
     * {@code (1 − B)^d (1 − B^m)^D} applied in place as R's ARIMA_CSS does: same length, the first
     * {@code d + Dm} values are left over and never read.
     */
    static double[] difference(double[] series, Order order) {
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
