package io.stockflow.forecasting.model;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exponential smoothing in its state-space form with additive errors (Hyndman & Athanasopoulos, FPP3 §8.5):
 * simple (ETS(A,N,N)), Holt's linear trend (A,A,N) and damped trend (A,Ad,N). Each is fitted by maximum likelihood
 * — for additive Gaussian errors, the smoothing parameters and initial states that minimise the sum of squared
 * one-step errors — with BOBYQA under the usual bounds (0 < α < 1, 0 < β < α, 0.8 ≤ φ ≤ 0.98), and the model
 * with the lowest AICc is kept. A history too short for a trend model gets simple smoothing only.
 */
public final class EtsForecaster implements Forecaster {

    public static final String NAME = "ets";

    /** The non-seasonal additive-error members of the ETS family. */
    public enum Kind {
        SIMPLE("ETS(A,N,N)", 1), HOLT("ETS(A,A,N)", 2), DAMPED("ETS(A,Ad,N)", 3);

        final String label;
        final int smoothingParameters;

        Kind(String label, int smoothingParameters) {
            this.label = label;
            this.smoothingParameters = smoothingParameters;
        }

        /** Parameters estimated, initial states included: α (β, φ), ℓ0 (b0). */
        int parameters() {
            return smoothingParameters + (this == SIMPLE ? 1 : 2);
        }
    }

    /** A fitted model: its parameters, initial states, final states, fit statistics. */
    public record Fit(Kind kind, double alpha, double beta, double phi, double level0, double trend0,
                      double level, double trend, double sse, int n, double aicc) {

        public String label() {
            return kind.label;
        }

        double[] forecast(int horizon) {
            double[] mean = new double[horizon];
            double dampedSum = 0;
            for (int h = 1; h <= horizon; h++) {
                dampedSum += kind == Kind.DAMPED ? Math.pow(phi, h) : (kind == Kind.HOLT ? 1 : 0);
                // Demand cannot be negative: a falling trend stops at zero.
                mean[h - 1] = Math.max(0, level + dampedSum * trend);
            }
            return mean;
        }
    }

    /** Fewer days than this fit simple smoothing only: a trend needs enough points to be told from noise. */
    static final int MIN_DAYS_FOR_TREND = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireHorizon(horizon);
        return new Forecast(NAME, select(history).forecast(horizon));
    }

    /** Fits every member the history allows and keeps the one with the lowest AICc. */
    public Fit select(double[] history) {
        DemandHistory.requireValid(history);
        List<Fit> fits = new ArrayList<>();
        fits.add(fit(history, Kind.SIMPLE));
        if (history.length >= MIN_DAYS_FOR_TREND) {
            fits.add(fit(history, Kind.HOLT));
            fits.add(fit(history, Kind.DAMPED));
        }
        return fits.stream().filter(f -> Double.isFinite(f.aicc())).min(Comparator.comparingDouble(Fit::aicc))
                .orElse(fits.get(0));
    }

    /** Maximum-likelihood fit of one member. */
    public Fit fit(double[] history, Kind kind) {
        DemandHistory.requireValid(history);
        double[] y = history;
        double low = StatUtils.min(y);
        double high = StatUtils.max(y);
        double scale = Math.max(1e-9, Math.max(high - low, Math.abs(y[0])));
        if (y.length == 1) {
            return evaluate(y, kind, 0.5, 0, 1, y[0], 0);
        }
        // Search space, all scaled to comparable ranges: α, β/α, φ, ℓ0/scale, b0/scale.
        double firstSlope = y[1] - y[0];
        double[] start;
        double[] lower;
        double[] upper;
        switch (kind) {
            case SIMPLE -> {
                start = new double[]{0.5, y[0] / scale};
                lower = new double[]{1e-4, (low - scale) / scale};
                upper = new double[]{0.9999, (high + scale) / scale};
            }
            case HOLT -> {
                start = new double[]{0.5, 0.1, y[0] / scale, firstSlope / scale};
                lower = new double[]{1e-4, 1e-4, (low - scale) / scale, -1};
                upper = new double[]{0.9999, 0.9999, (high + scale) / scale, 1};
            }
            default -> {
                start = new double[]{0.5, 0.1, 0.9, y[0] / scale, firstSlope / scale};
                lower = new double[]{1e-4, 1e-4, 0.8, (low - scale) / scale, -1};
                upper = new double[]{0.9999, 0.9999, 0.98, (high + scale) / scale, 1};
            }
        }
        clamp(start, lower, upper);
        MultivariateFunction sse = p -> evaluate(y, kind, p, scale).sse();
        int dimension = start.length;
        PointValuePair best = new BOBYQAOptimizer(2 * dimension + 1, 0.05, 1e-9).optimize(
                new MaxEval(20_000), new ObjectiveFunction(sse), GoalType.MINIMIZE, new InitialGuess(start),
                new SimpleBounds(lower, upper));
        return evaluate(y, kind, best.getPoint(), scale);
    }

    private static Fit evaluate(double[] y, Kind kind, double[] p, double scale) {
        return switch (kind) {
            case SIMPLE -> evaluate(y, kind, p[0], 0, 1, p[1] * scale, 0);
            case HOLT -> evaluate(y, kind, p[0], p[0] * p[1], 1, p[2] * scale, p[3] * scale);
            case DAMPED -> evaluate(y, kind, p[0], p[0] * p[1], p[2], p[3] * scale, p[4] * scale);
        };
    }

    /** Runs the state equations over the history (FPP3 Table 8.7, additive errors). */
    static Fit evaluate(double[] y, Kind kind, double alpha, double beta, double phi, double level0, double trend0) {
        double level = level0;
        double trend = kind == Kind.SIMPLE ? 0 : trend0;
        double damping = kind == Kind.DAMPED ? phi : 1;
        double sse = 0;
        for (double observed : y) {
            double dampedTrend = damping * trend;
            double error = observed - (level + dampedTrend);
            sse += error * error;
            level = level + dampedTrend + alpha * error;
            trend = kind == Kind.SIMPLE ? 0 : dampedTrend + beta * error;
        }
        int n = y.length;
        int k = kind.parameters() + 1; // and σ²
        double aicc = DemandHistory.gaussianAicc(sse, n, k);
        return new Fit(kind, alpha, kind == Kind.SIMPLE ? 0 : beta, kind == Kind.DAMPED ? phi : 1, level0,
                kind == Kind.SIMPLE ? 0 : trend0, level, trend, sse, n, aicc);
    }

    private static void clamp(double[] values, double[] lower, double[] upper) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.min(upper[i] - 1e-6, Math.max(lower[i] + 1e-6, values[i]));
        }
    }

}
