package io.stockflow.forecasting.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Holt-Winters with additive seasonality in the ETS state-space form with additive errors, ETS(A,N,A) and
 * ETS(A,A,A) (FPP3 §8.3, Table 8.7): {@code ŷt = ℓ + b + s(t−m)}, {@code ℓ += b + αe}, {@code b += βe},
 * {@code s(t) = s(t−m) + γe}, with 0 < α < 1, 0 < β < α, 0 < γ < 1 − α. Maximum likelihood by profiling: for given
 * smoothing parameters the one-step predictions are affine in the initial states (ℓ0, b0, and m seasonal states
 * summing to zero), so those are solved exactly by least squares and BOBYQA searches only the smoothing
 * parameters. Daily demand has a weekly season (m = 7).
 */
public final class HoltWintersForecaster implements Forecaster {

    public static final String NAME = "holt_winters";

    /** A fitted model, its final states and fit statistics. */
    public record Fit(boolean trend, double alpha, double beta, double gamma, double level, double slope,
                      double[] season, double sse, double aicc) {

        double[] forecast(int horizon, int period) {
            double[] mean = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                // season holds the seasonal states of the next m days in order: day T+h reuses s(T+h−m·k)
                double seasonal = season[(h - 1) % period];
                mean[h - 1] = Math.max(0, level + (trend ? h * slope : 0) + seasonal);
            }
            return mean;
        }
    }

    private final int period;

    public HoltWintersForecaster(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("A season needs at least 2 days, got " + period);
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
        Fit withTrend = fit(history, true);
        Fit level = fit(history, false);
        Fit best = Double.isFinite(withTrend.aicc()) && withTrend.aicc() < level.aicc() ? withTrend : level;
        return new Forecast(NAME, best.forecast(horizon, period));
    }

    /** @throws IllegalArgumentException with less than two full seasons of history */
    public Fit fit(double[] history, boolean trend) {
        DemandHistory.requireValid(history);
        if (history.length < 2 * period) {
            throw new IllegalArgumentException("Holt-Winters needs two seasons (" + 2 * period + " days), got "
                    + history.length);
        }
        // search space: α, γ/(1−α)[, β/α]
        double[] start = trend ? new double[]{0.3, 0.1, 0.1} : new double[]{0.3, 0.1};
        double[] lower = trend ? new double[]{1e-4, 1e-4, 1e-4} : new double[]{1e-4, 1e-4};
        double[] upper = trend ? new double[]{0.9999, 0.9999, 0.9999} : new double[]{0.9999, 0.9999};
        PointValuePair best = new BOBYQAOptimizer(2 * start.length + 1, 0.05, 1e-9).optimize(new MaxEval(20_000),
                new ObjectiveFunction(p -> profile(history, trend, p).sse()), GoalType.MINIMIZE,
                new InitialGuess(start), new SimpleBounds(lower, upper));
        return profile(history, trend, best.getPoint());
    }

    private Fit profile(double[] y, boolean trend, double[] p) {
        double alpha = p[0];
        double gamma = (1 - alpha) * p[1];
        double beta = trend ? alpha * p[2] : 0;
        return fitWithSmoothing(y, trend, alpha, beta, gamma);
    }

    /** The least-squares initial states for these smoothing parameters, and the fit they give. */
    Fit fitWithSmoothing(double[] y, boolean trend, double alpha, double beta, double gamma) {
        // initial states x = (ℓ0, [b0], s1..s(m−1)); s(m) = −Σ the others
        int states = (trend ? 2 : 1) + period - 1;
        double[] base = predictions(y, trend, alpha, beta, gamma, new double[states]);
        double[][] design = new double[y.length][states];
        for (int j = 0; j < states; j++) {
            double[] unit = new double[states];
            unit[j] = 1;
            double[] column = predictions(y, trend, alpha, beta, gamma, unit);
            for (int t = 0; t < y.length; t++) {
                design[t][j] = column[t] - base[t];
            }
        }
        RealVector target = new ArrayRealVector(y).subtract(new ArrayRealVector(base));
        double[] initial = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(target).toArray();
        return run(y, trend, alpha, beta, gamma, initial);
    }

    private double[] predictions(double[] y, boolean trend, double alpha, double beta, double gamma,
                                 double[] initial) {
        double[] out = new double[y.length];
        State state = new State(trend, initial, period);
        for (int t = 0; t < y.length; t++) {
            out[t] = state.predict();
            state.update(y[t] - out[t], alpha, beta, gamma);
        }
        return out;
    }

    /** Runs the state equations from given initial states: the fit, its SSE and AICc. */
    Fit run(double[] y, boolean trend, double alpha, double beta, double gamma, double[] initial) {
        State state = new State(trend, initial, period);
        double sse = 0;
        for (double observed : y) {
            double error = observed - state.predict();
            sse += error * error;
            state.update(error, alpha, beta, gamma);
        }
        int n = y.length;
        int k = (trend ? 3 : 2) + initial.length + 1; // smoothing parameters, initial states, σ²
        double aicc = DemandHistory.gaussianAicc(sse, n, k);
        return new Fit(trend, alpha, beta, gamma, state.level, state.slope, state.seasonOldestFirst(), sse, aicc);
    }

    /** ℓ, b and the last m seasonal states in a ring. */
    private static final class State {
        final boolean trend;
        double level;
        double slope;
        final double[] season; // season[i] is s for the day ≡ i (mod m), in time order from the start
        int t;

        State(boolean trend, double[] initial, int period) {
            this.trend = trend;
            this.level = initial[0];
            this.slope = trend ? initial[1] : 0;
            int first = trend ? 2 : 1;
            this.season = new double[period];
            double sum = 0;
            for (int i = 0; i < period - 1; i++) {
                season[i] = initial[first + i];
                sum += season[i];
            }
            season[period - 1] = -sum;
        }

        double predict() {
            return level + slope + season[t % season.length];
        }

        void update(double error, double alpha, double beta, double gamma) {
            int slot = t % season.length;
            level = level + slope + alpha * error;
            slope = trend ? slope + beta * error : 0;
            season[slot] = season[slot] + gamma * error;
            t++;
        }

        /** The seasonal states for the next m days, in order. */
        double[] seasonOldestFirst() {
            double[] next = new double[season.length];
            for (int h = 0; h < season.length; h++) {
                next[h] = season[(t + h) % season.length];
            }
            return next;
        }
    }
}
