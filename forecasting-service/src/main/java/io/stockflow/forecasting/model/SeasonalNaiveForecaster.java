package io.stockflow.forecasting.model;

/**
 * Seasonal naive: each day ahead repeats the same weekday of the last observed week, {@code ŷ(T+h) = y(T+h−m·k)}
 * with {@code k = ⌊(h−1)/m⌋+1} (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2).
 * The benchmark every other model must beat, and the scale of MASE. With less than one season of history it is
 * the plain naive method (the last value).
 */
public final class SeasonalNaiveForecaster implements Forecaster {

    public static final String NAME = "seasonal_naive";

    private final int period;

    /** @param period season length in days (7 for weekly seasonality of daily demand) */
    public SeasonalNaiveForecaster(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("Season length must be >= 1, got " + period);
        }
        this.period = period;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireValid(history);
        DemandHistory.requireHorizon(horizon);
        int season = history.length >= period ? period : 1;
        int t = history.length;
        double[] mean = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            int k = (h - 1) / season + 1;
            mean[h - 1] = history[t + h - season * k - 1];
        }
        return new Forecast(NAME, mean);
    }
}
