package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A model trained across many series at once (a "global" model, as the M5 winners were): one set of parameters
 * learned from every series, scaled per series, that forecasts any series from its recent history.
 */
public interface GlobalModel extends AutoCloseable {

    /** The model's name in the ensemble: {@code lstm} or {@code gbm}. */
    String name();

    /** Settings and inputs that loading the model back needs, stored with it in the registry. */
    GlobalModelSpec spec();

    /**
     * Forecasts every series from the day after its last day, all in one batch.
     *
     * @return one row per series: mean demand for days 1 to {@code spec().horizon()}
     */
    double[][] forecast(List<DemandSeries> series);

    /** Writes the trained parameters to {@code file}. */
    void save(Path file) throws IOException;

    /** What training measured (windows, epochs, losses, seconds). */
    Map<String, Object> training();

    @Override
    void close();

    /** The date of the day after the series' last day: the origin of its forecast. */
    static LocalDate origin(DemandSeries series) {
        return series.start().plusDays(series.length());
    }
}
