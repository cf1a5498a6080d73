package io.stockflow.forecasting.model;

import java.util.Locale;

/**
 * Croston-type forecasts for intermittent demand. Each keeps a smoothed non-zero demand size and
 * either a smoothed inter-demand interval (CROSTON, SBA) or a smoothed demand probability (TSB), and
 * forecasts one flat level, the expected demand per day, over the whole horizon.
 *
 * <p>Initialisation is "naive" (Croston 1972; R tsintermittent {@code init = "naive"}): nothing is
 * estimated before the first non-zero demand; at it the size is that demand and the interval its
 * 1-based day (TSB: probability = 1 / that interval). Smoothing starts with the following day. A
 * history without demand forecasts 0.
 */
public final class CrostonForecaster implements Forecaster {

    public enum Variant {
        /** Croston (1972): size / interval, both updated only on days with demand. */
        CROSTON,
        /** Syntetos &amp; Boylan (2005): Croston's level times (1 − β/2), which removes its upward bias. */
        SBA,
        /** Teunter, Syntetos &amp; Babai (2011): probability × size; the probability is updated every day, so the level decays when demand stops. */
        TSB
    }

    /**
     * Smoothing constants tried by {@link #fitted}. Low values are the usual choice for intermittent
     * demand (Croston 1972 and Syntetos &amp; Boylan 2005 use 0.05–0.3): few demands per history
     * cannot support a fast-reacting model, and a coarse grid keeps the fit cheap and reproducible.
     */
    static final double[] SMOOTHING_GRID = {0.05, 0.10, 0.15, 0.20, 0.25, 0.30};

    private final Variant variant;
    private final double alpha;
    private final double beta;

    private CrostonForecaster(Variant variant, double alpha, double beta) {
        this.variant = variant;
        this.alpha = requireSmoothingConstant(alpha);
        this.beta = requireSmoothingConstant(beta);
    }

    /** Classic Croston with one constant for size and interval, as in Croston (1972). */
    public static CrostonForecaster croston(double alpha) {
        return new CrostonForecaster(Variant.CROSTON, alpha, alpha);
    }

    /** Syntetos–Boylan approximation with one constant for size and interval; the factor is 1 − α/2. */
    public static CrostonForecaster sba(double alpha) {
        return new CrostonForecaster(Variant.SBA, alpha, alpha);
    }

    /** TSB with {@code alpha} for the demand size and {@code beta} for the demand probability. */
    public static CrostonForecaster tsb(double alpha, double beta) {
        return new CrostonForecaster(Variant.TSB, alpha, beta);
    }

    /**
     * The variant with the constants from {@link #SMOOTHING_GRID} that minimise the in-sample mean
     * squared one-step error on {@code history} (α = β for CROSTON and SBA; every (α, β) pair for
     * TSB). Ties, including histories with no error to measure, go to the smallest α, then β.
     */
    public static CrostonForecaster fitted(Variant variant, double[] history) {
        DemandHistory.requireValid(history);
        CrostonForecaster best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double alpha : SMOOTHING_GRID) {
            double[] betas = variant == Variant.TSB ? SMOOTHING_GRID : new double[] {alpha};
            for (double beta : betas) {
                CrostonForecaster candidate = new CrostonForecaster(variant, alpha, beta);
                double error = candidate.inSampleMeanSquaredError(history);
                if (error < bestError) {
                    best = candidate;
                    bestError = error;
                }
            }
        }
        return best;
    }

    public Variant variant() {
        return variant;
    }

    /** Smoothing constant of the demand size. */
    public double alpha() {
        return alpha;
    }

    /** Smoothing constant of the interval (CROSTON, SBA: equal to α) or of the demand probability (TSB). */
    public double beta() {
        return beta;
    }

    @Override
    public String name() {
        return variant.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireValid(history);
        Estimates estimates = new Estimates();
        for (double demand : history) {
            estimates.observe(demand);
        }
        return Forecast.flat(name(), estimates.level(), horizon);
    }

    /** Mean of (demand − level before that day)² over the days after the first demand; 0 if there are none. */
    double inSampleMeanSquaredError(double[] history) {
        Estimates estimates = new Estimates();
        double squares = 0;
        int days = 0;
        for (double demand : history) {
            if (estimates.initialised) {
                double error = demand - estimates.level();
                squares += error * error;
                days++;
            }
            estimates.observe(demand);
        }
        return days == 0 ? 0 : squares / days;
    }

    private static double requireSmoothingConstant(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("Smoothing constant must be in (0, 1], got " + value);
        }
        return value;
    }

    /** The smoothed state after the days observed so far. */
    private final class Estimates {
        private boolean initialised;
        private int daysSinceDemand;
        private double size;
        private double interval;
        private double probability;

        void observe(double demand) {
            daysSinceDemand++;
            if (!initialised) {
                if (demand > 0) {
                    initialised = true;
                    size = demand;
                    interval = daysSinceDemand;
                    probability = 1.0 / daysSinceDemand;
                    daysSinceDemand = 0;
                }
                return;
            }
            if (variant == Variant.TSB) {
                probability += beta * ((demand > 0 ? 1 : 0) - probability);
            }
            if (demand > 0) {
                size += alpha * (demand - size);
                if (variant != Variant.TSB) {
                    interval += beta * (daysSinceDemand - interval);
                }
                daysSinceDemand = 0;
            }
        }

        /** Expected demand per day from here on; 0 before any demand. */
        double level() {
            if (!initialised) {
                return 0;
            }
            return switch (variant) {
                case CROSTON -> size / interval;
                case SBA -> (1 - beta / 2) * size / interval;
                case TSB -> probability * size;
            };
        }
    }
}
