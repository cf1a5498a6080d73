package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.ForecastModels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learned (global) models the service forecasts with now: the last trained snapshots of each, where its native
 * backend loads. A training run replaces the ones it trained; the others stay.
 */
public class LearnedModels {

    /** A learned model as the service reports it. */
    public record Status(String name, NativeBackend backend, Long version, String trainedThrough) {
    }

    /** A model in use and the training run that trained it. */
    private record InUse(long version, GlobalModelForecaster model) {
    }

    private final Map<String, NativeBackend> backends;
    private final Map<String, InUse> current = new LinkedHashMap<>();

    /** @param backends every learned model's backend, available or not */
    public LearnedModels(Map<String, NativeBackend> backends) {
        this.backends = Map.copyOf(backends);
    }

    public NativeBackend backend(String name) {
        return backends.getOrDefault(name, new NativeBackend(false, "not a learned model"));
    }

    /** Learned models whose backend loads: those a training run may train. */
    public List<String> trainable() {
        return ForecastModels.LEARNED.stream().filter(name -> backend(name).available()).toList();
    }

    /** The trained members, in the order of {@link ForecastModels#LEARNED}. */
    public synchronized List<GlobalModelForecaster> members() {
        List<GlobalModelForecaster> members = new ArrayList<>();
        ForecastModels.LEARNED.forEach(name -> member(name).ifPresent(members::add));
        return members;
    }

    public synchronized Optional<GlobalModelForecaster> member(String name) {
        return Optional.ofNullable(current.get(name)).map(InUse::model);
    }

    /**
     * Puts newly trained models in place of the ones of the same names. The replaced ones are not closed: a forecast
     * may still be using them; their native memory is freed once nothing refers to them.
     */
    public synchronized void replace(long version, Map<String, GlobalModelForecaster> trained) {
        trained.forEach((name, model) -> current.put(name, new InUse(version, model)));
    }

    public synchronized List<Status> status() {
        return ForecastModels.LEARNED.stream().map(name -> {
            InUse inUse = current.get(name);
            return inUse == null ? new Status(name, backend(name), null, null)
                    : new Status(name, backend(name), inUse.version(), inUse.model().trainedThrough().toString());
        }).toList();
    }
}
