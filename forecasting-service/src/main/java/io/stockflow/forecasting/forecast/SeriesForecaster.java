package io.stockflow.forecasting.forecast;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.learned.NativeBackend;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.model.Forecaster;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fits a model to a series for the longest horizon callers may ask for, and keeps the fit while the series' history
 * is unchanged: any horizon, quantile or lead time is then read off the same fit. After a restart, the last
 * training run's archived fits serve the series whose history has not changed since. A single model goes through the
 * same backtests as the ensemble, alone, so that its quantiles are calibrated the same way. The ensemble's
 * candidates are the statistical members and the learned models trained so far.
 */
public class SeriesForecaster {

    private record FitKey(SeriesKey series, String model, DemandSeries history) {
    }

    private final int maxHorizonDays;
    private final EnsembleForecaster.Settings settings;
    private final Cache<FitKey, EnsembleForecaster.Fit> fits;
    private final MeterRegistry registry;
    private final FitArchive archive;
    private final LearnedModels learned;

    public SeriesForecaster(int maxHorizonDays, EnsembleForecaster.Settings settings, long maxCachedFits,
                            MeterRegistry registry, FitArchive archive, LearnedModels learned) {
        this.maxHorizonDays = maxHorizonDays;
        this.settings = settings;
        this.fits = Caffeine.newBuilder().maximumSize(maxCachedFits).build();
        this.registry = registry;
        this.archive = archive;
        this.learned = learned;
    }

    public EnsembleForecaster.Settings settings() {
        return settings;
    }

    /** @param model a name from {@link ForecastModels#names()} whose {@linkplain #requireAvailable availability} holds */
    public EnsembleForecaster.Fit fit(SeriesKey series, String model, DemandSeries history) {
        return fits.get(new FitKey(series, model, history), key -> archive.find(series, model, history)
                .orElseGet(() -> timed(model, () -> ensemble(model, learned.members()).fit(history,
                        maxHorizonDays))));
    }

    /**
     * Fits anew, whatever is cached or archived — a training run's fit, with the learned models that run trained —
     * and keeps the result for the callers that follow.
     */
    public EnsembleForecaster.Fit refit(SeriesKey series, String model, DemandSeries history,
                                        Collection<GlobalModelForecaster> learnedMembers) {
        EnsembleForecaster.Fit fit = timed(model, () -> ensemble(model, learnedMembers).fit(history, maxHorizonDays));
        fits.put(new FitKey(series, model, history), fit);
        return fit;
    }

    /**
     * The ensemble a model name stands for: all candidates for the ensemble, else the one model alone.
     *
     * @param learnedMembers the learned models to include
     */
    public EnsembleForecaster ensemble(String model, Collection<GlobalModelForecaster> learnedMembers) {
        List<Forecaster> members = new ArrayList<>();
        if (EnsembleForecaster.NAME.equals(model)) {
            members.addAll(ForecastModels.defaultMembers());
            members.addAll(learnedMembers);
        } else if (ForecastModels.isLearned(model)) {
            members.add(learnedMembers.stream().filter(member -> member.name().equals(model)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The " + model + " model is not trained")));
        } else {
            members.add(ForecastModels.member(model)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown model " + model)));
        }
        return new EnsembleForecaster(members, settings);
    }

    /**
     * Refuses a learned model that cannot answer: 503 when its native library does not load here, 409 while no
     * training run has trained it.
     */
    public void requireAvailable(String model) {
        if (!ForecastModels.isLearned(model)) {
            return;
        }
        NativeBackend backend = learned.backend(model);
        if (!backend.available()) {
            throw Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "model-unavailable", "Model unavailable",
                    "The " + model + " model cannot run on this instance: " + backend.detail());
        }
        if (learned.member(model).isEmpty()) {
            throw Problems.exception(HttpStatus.CONFLICT, "model-not-trained", "Model not trained",
                    "The " + model + " model has not been trained yet: start a run with POST /api/ml/models/train");
        }
    }

    /** Why a learned model cannot run here, or that it can. */
    public String learnedBackend(String model) {
        return learned.backend(model).detail();
    }

    /** Learned models now in use, by name. */
    public Map<String, GlobalModelForecaster> learnedMembers() {
        Map<String, GlobalModelForecaster> members = new LinkedHashMap<>();
        learned.members().forEach(member -> members.put(member.name(), member));
        return members;
    }

    private EnsembleForecaster.Fit timed(String model, Supplier<EnsembleForecaster.Fit> fit) {
        return Timer.builder("stockflow.forecasting.fits")
                .description("Models fitted to one series, backtests included").tag("model", model)
                .register(registry).record(fit);
    }
}
