package io.stockflow.forecasting.model;

/**
 * TSB (Teunter, Syntetos &amp; Babai 2011) with fitted constants: unlike Croston it lowers the level on every day
 * without demand, so it follows items that are phasing out.
 */
public final class TsbForecaster implements Forecaster {

    public static final String NAME = "tsb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        return CrostonForecaster.fitted(CrostonForecaster.Variant.TSB, history).forecast(history, horizon);
    }
}
