package io.stockflow.forecasting.model;

/**
 * The Croston-type method recommended for the series' demand class (Syntetos, Boylan &amp; Croston 2005): Croston for
 * smooth demand, SBA for erratic, intermittent and lumpy demand, with smoothing constants fitted on the history.
 */
public final class IntermittentDemandForecaster implements Forecaster {

    public static final String NAME = "croston";

    @Override
    public String name() {
        return NAME;
    }

    /** The returned forecast names the variant used ({@code croston} or {@code sba}). */
    @Override
    public Forecast forecast(double[] history, int horizon) {
        CrostonForecaster.Variant variant = DemandClassifier.classify(history).recommendedMethod();
        return CrostonForecaster.fitted(variant, history).forecast(history, horizon);
    }
}
