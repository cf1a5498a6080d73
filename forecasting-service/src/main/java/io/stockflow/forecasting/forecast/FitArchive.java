package io.stockflow.forecasting.forecast;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;

import java.util.Optional;

/** Fits kept from a training run, reused for a series whose history has not changed since. */
public interface FitArchive {

    /** The archived fit of this model to exactly this history, if a training run left one. */
    Optional<EnsembleForecaster.Fit> find(SeriesKey series, String model, DemandSeries history);

    FitArchive NONE = (series, model, history) -> Optional.empty();
}
