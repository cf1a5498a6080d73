package io.stockflow.forecasting.model;

/**
 * A forecasting model: plain computation over one series, no state kept between calls.
 */
public interface Forecaster {

    /** Stable model identifier, also carried by each {@link Forecast}. */
    String name();

    /**
     * @param history daily demand, oldest first; every value finite and {@code >= 0}, at least one day
     * @param horizon number of days to forecast, {@code >= 1}
     * @return the mean demand for each of the next {@code horizon} days
     * @throws IllegalArgumentException if the history or the horizon is invalid
     */
    Forecast forecast(double[] history, int horizon);

    /**
     * Forecasts a series with its calendar and regressors. Models that use only the demand values keep this
     * default; calendar- and regressor-aware models override it.
     */
    default Forecast forecast(DemandSeries series, int horizon) {
        return forecast(series.demand(), horizon);
    }

    /**
     * A forecaster that keeps the structure this one chooses on {@code training} (an ETS member, a model order) and
     * only re-estimates its parameters on the histories it is given. Backtests use it at their later origins: the
     * structure search is the expensive part, and choosing it on the first origin's data does not look ahead.
     * Models without a structure search return themselves.
     */
    default Forecaster specialisedTo(DemandSeries training) {
        return this;
    }
}
