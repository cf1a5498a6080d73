package io.stockflow.forecasting.model;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000), in the form Hyndman & Billah (2003) showed it to be and
 * R's {@code forecast::thetaf} computes for non-seasonal data: simple exponential smoothing with a drift of half
 * the series' least-squares slope, {@code ŷ(n+h) = ℓn + b/2 · ((h−1) + (1 − (1−α)^n)/α)}. Strong on the M3
 * competition for its simplicity. (Seasonal adjustment before it is left to the ensemble's seasonal members.)
 */
public final class ThetaForecaster implements Forecaster {

    public static final String NAME = "theta";

    private final EtsForecaster ets = new EtsForecaster();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        DemandHistory.requireHorizon(horizon);
        EtsForecaster.Fit ses = ets.fit(history, EtsForecaster.Kind.SIMPLE);
        SimpleRegression line = new SimpleRegression();
        for (int t = 0; t < history.length; t++) {
            line.addData(t, history[t]);
        }
        double halfSlope = history.length < 2 ? 0 : line.getSlope() / 2;
        double alpha = Math.max(1e-10, ses.smoothing().alpha());
        double start = (1 - Math.pow(1 - alpha, history.length)) / alpha;
        double[] mean = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            mean[h - 1] = Math.max(0, ses.last().level() + halfSlope * ((h - 1) + start));
        }
        return new Forecast(NAME, mean);
    }
}
