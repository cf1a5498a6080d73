package io.stockflow.forecasting.model;

/** Checks and statistics shared by the models on a daily demand history, those in sub-packages (arima) too. */
public final class DemandHistory {

    private DemandHistory() {
    }

    public static void requireHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("Horizon must be >= 1, got " + horizon);
        }
    }

    /**
     * AICc of a model fitted by least squares under Gaussian errors (FPP3 §8.6): log-likelihood
     * {@code −n/2·(log(2π·SSE/n) + 1)}, {@code k} estimated parameters with σ² among them; infinite when the
     * history is too short to penalise that many parameters.
     */
    public static double gaussianAicc(double sse, int n, int k) {
        if (n - k - 1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double logLikelihood = -0.5 * n * (Math.log(2 * Math.PI * Math.max(sse, 1e-300) / n) + 1);
        return -2 * logLikelihood + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    /** An empty history is refused: "no day observed" is not the same as "no demand observed". */
    public static void requireValid(double[] history) {
        if (history == null || history.length == 0) {
            throw new IllegalArgumentException("Demand history must cover at least one day");
        }
        for (int day = 0; day < history.length; day++) {
            if (!Double.isFinite(history[day]) || history[day] < 0) {
                throw new IllegalArgumentException(
                        "Demand must be finite and >= 0, got " + history[day] + " on day " + day);
            }
        }
    }
}
