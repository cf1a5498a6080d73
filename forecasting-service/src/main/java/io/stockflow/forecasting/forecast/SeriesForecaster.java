package io.stockflow.forecasting.forecast;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockflow.common.events.SeriesKey;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.model.Forecaster;

import java.util.List;

/**
 * Fits a model to a series for the longest horizon callers may ask for, and keeps the fit while the series' history
 * is unchanged: any horizon, quantile or lead time is then read off the same fit. After a restart, the last
 * training run's archived fits serve the series whose history has not changed since. A single model goes through the
 * same backtests as the ensemble, alone, so that its quantiles are calibrated the same way.
 */
public class SeriesForecaster {

    private record FitKey(SeriesKey series, String model, DemandSeries history) {
    }

    private final int maxHorizonDays;
    private final EnsembleForecaster.Settings settings;
    private final Cache<FitKey, EnsembleForecaster.Fit> fits;
    private final MeterRegistry registry;
    private final FitArchive archive;

    public SeriesForecaster(int maxHorizonDays, EnsembleForecaster.Settings settings, long maxCachedFits,
                            MeterRegistry registry, FitArchive archive) {
        this.maxHorizonDays = maxHorizonDays;
        this.settings = settings;
        this.fits = Caffeine.newBuilder().maximumSize(maxCachedFits).build();
        this.registry = registry;
        this.archive = archive;
    }


    /** @param model a name from {@link ForecastModels#names()} */
    public EnsembleForecaster.Fit fit(SeriesKey series, String model, DemandSeries history) {
        return fits.get(new FitKey(series, model, history), key -> archive.find(series, model, history)
                .orElseGet(() -> Timer.builder("stockflow.forecasting.fits")
                        .description("Models fitted to one series, backtests included").tag("model", model)
                        .register(registry).record(() -> ensembleFor(model).fit(history, maxHorizonDays))));
    }

    private EnsembleForecaster ensembleFor(String model) {
        List<Forecaster> members = EnsembleForecaster.NAME.equals(model)
                ? ForecastModels.defaultMembers()
                : List.of(ForecastModels.member(model)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown model " + model)));
        return new EnsembleForecaster(members, settings);
    }
}
