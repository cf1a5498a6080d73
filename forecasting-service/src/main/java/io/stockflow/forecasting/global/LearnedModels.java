package io.stockflow.forecasting.global;

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

    private final Map<String, NativeBackend> backends;
    private final Map<String, GlobalModelForecaster> current = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();

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
        ForecastModels.LEARNED.forEach(name -> Optional.ofNullable(current.get(name)).ifPresent(members::add));
        return members;
    }

    public synchronized Optional<GlobalModelForecaster> member(String name) {
        return Optional.ofNullable(current.get(name));
    }

    /**
     * Puts newly trained models in place of the ones of the same names. The replaced ones are not closed: a forecast
     * may still be using them; their native memory is freed once nothing refers to them.
     */
    public synchronized void replace(long version, Map<String, GlobalModelForecaster> trained) {
        trained.forEach((name, model) -> {
            current.put(name, model);
            versions.put(name, version);
        });
    }

    public synchronized List<Status> status() {
        return ForecastModels.LEARNED.stream().map(name -> new Status(name, backend(name), versions.get(name),
                Optional.ofNullable(current.get(name)).map(model -> model.snapshots()
                        .get(model.snapshots().size() - 1).spec().trainedThrough().toString()).orElse(null)))
                .toList();
    }
}
