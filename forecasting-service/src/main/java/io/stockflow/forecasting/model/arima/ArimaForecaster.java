package io.stockflow.forecasting.model.arima;

import io.stockflow.forecasting.model.DemandHistory;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.Forecast;
import io.stockflow.forecasting.model.Forecaster;
import org.apache.commons.math3.stat.StatUtils;

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

    private static final int MAX_P = 5;
    private static final int MAX_Q = 5;
    private static final int MAX_SEASONAL_P = 2;
    private static final int MAX_SEASONAL_Q = 2;

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
        ArimaFit chosen = fit(training.demand());
        return new Forecaster() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Forecast forecast(double[] history, int horizon) {
                DemandHistory.requireHorizon(horizon);
                ArimaFit fit;
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
    public ArimaFit fit(double[] history) {
        DemandHistory.requireValid(history);
        int n = history.length;
        if (Differencing.isConstant(history)) {
            return meanFit(history);
        }
        int season = n > 2 * period ? period : 1;
        int seasonalD = season > 1 ? Differencing.seasonalDifferences(history, season) : 0;
        int d = Differencing.nonSeasonalDifferences(Differencing.difference(history, season, seasonalD));
        boolean constantAllowed = d + seasonalD <= 1;
        ArimaOrder noArma = new ArimaOrder(0, d, 0, 0, seasonalD, 0, season);
        if (Differencing.isConstant(
                Differencing.difference(Differencing.difference(history, season, seasonalD), 1, d))) {
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
        StepwiseSearch search = new StepwiseSearch(history, noArma,
                new StepwiseSearch.Candidate(maxP, maxQ, maxSeasonalP, maxSeasonalQ, true));
        ArimaFit best = search.run(constantAllowed);
        return Double.isFinite(best.aicc()) ? best : fallback(history, noArma, constantAllowed);
    }

    /**
     * CSS fit of one order.
     *
     * @param constant a mean (d + D = 0) or a drift (d + D = 1); refused with more differencing
     * @throws IllegalArgumentException if the history is too short for the order or the fit fails
     */
    public ArimaFit fit(double[] history, ArimaOrder order, boolean constant) {
        DemandHistory.requireValid(history);
        if (constant && order.d() + order.seasonalD() > 1) {
            throw new IllegalArgumentException("A constant needs d + D <= 1, got " + order);
        }
        return CssProblem.estimate(history, order, constant).orElseThrow(() -> new IllegalArgumentException(
                order + " cannot be estimated from " + history.length + " days"));
    }

    /** ARIMA(0,d,0)(0,D,0), which has no roots to reject; the mean when even that history is too short. */
    private static ArimaFit fallback(double[] history, ArimaOrder noArma, boolean constant) {
        return CssProblem.estimate(history, noArma, constant).orElseGet(() -> meanFit(history));
    }

    /** ARIMA(0,0,0) with the mean, in closed form: defined from a single day on. */
    private static ArimaFit meanFit(double[] history) {
        int n = history.length;
        double mean = StatUtils.mean(history);
        double sumOfSquares = n > 1 ? StatUtils.variance(history) * (n - 1) : 0;
        double[] none = new double[0];
        return new ArimaFit(ArimaOrder.nonSeasonal(0, 0, 0), none, none, none, none, true, mean,
                sumOfSquares / Math.max(1, n - 1), DemandHistory.gaussianAicc(sumOfSquares, n, 2));
    }
}
