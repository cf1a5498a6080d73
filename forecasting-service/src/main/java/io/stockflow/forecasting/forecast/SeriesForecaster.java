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
 * is unchanged: any horizon, quantile or lead time is then read off the same fit. A single model goes through the
 * same backtests as the ensemble, alone, so that its quantiles are calibrated the same way.
 */
public class SeriesForecaster {

    private record FitKey(SeriesKey series, String model, DemandSeries history) {
    }

    private final int maxHorizonDays;
    private final EnsembleForecaster.Settings settings;
    private final Cache<FitKey, EnsembleForecaster.Fit> fits;
    private final MeterRegistry registry;

    public SeriesForecaster(int maxHorizonDays, EnsembleForecaster.Settings settings, long maxCachedFits,
                            MeterRegistry registry) {
        this.maxHorizonDays = maxHorizonDays;
        this.settings = settings;
        this.fits = Caffeine.newBuilder().maximumSize(maxCachedFits).build();
        this.registry = registry;
    }

    /** @param model a name from {@link ForecastModels#names()} */
    public EnsembleForecaster.Fit fit(SeriesKey series, String model, DemandSeries history) {
        return fits.get(new FitKey(series, model, history), key -> Timer.builder("stockflow.forecasting.fits")
                .description("Models fitted to one series, backtests included").tag("model", model)
                .register(registry).record(() -> ensembleFor(model).fit(history, maxHorizonDays)));
    }

    private EnsembleForecaster ensembleFor(String model) {
        List<Forecaster> members = EnsembleForecaster.NAME.equals(model)
                ? ForecastModels.defaultMembers()
                : List.of(ForecastModels.member(model)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown model " + model)));
        return new EnsembleForecaster(members, settings);
    }
}
