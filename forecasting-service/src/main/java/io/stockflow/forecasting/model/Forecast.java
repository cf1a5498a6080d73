package io.stockflow.forecasting.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mean demand per day over a horizon, as produced by one model.
 *
 * @param model the {@link Forecaster#name()} of the model that produced it
 * @param mean  one finite, non-negative value per day ahead; at least one day
 */
public record Forecast(String model, double[] mean) {

    public Forecast {
        Objects.requireNonNull(model, "model");
        mean = mean.clone();
        if (mean.length == 0) {
            throw new IllegalArgumentException("A forecast covers at least one day");
        }
        for (double value : mean) {
            if (!Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException("Forecast values must be finite and >= 0, got " + value);
            }
        }
    }

    /** The same level for every day of the horizon, as the Croston-type methods define it. */
    public static Forecast flat(String model, double level, int horizon) {
        DemandHistory.requireHorizon(horizon);
        double[] mean = new double[horizon];
        Arrays.fill(mean, level);
        return new Forecast(model, mean);
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    // Arrays compare by content here, not by identity as the generated members would.
    @Override
    public boolean equals(Object other) {
        return other instanceof Forecast that && model.equals(that.model) && Arrays.equals(mean, that.mean);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Forecast[model=" + model + ", mean=" + Arrays.toString(mean) + "]";
    }
}
