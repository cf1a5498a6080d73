package io.stockflow.forecasting.training;

import io.stockflow.forecasting.learned.GlobalModel;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.GradientBoostedModel;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.learned.LstmModel;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.ForecastModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains the learned models of a run — for each, a snapshot through the day before the ensemble's first backtest
 * origin and one through the end of the history — stores them as artifacts and in the registry; and loads the
 * newest trained ones back at start-up.
 */
class LearnedModelTraining {

    private static final Logger log = LoggerFactory.getLogger(LearnedModelTraining.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final LearnedModels learned;
    private final ModelRegistry registry;
    private final ArtifactStore artifacts;
    private final LearnedSnapshots snapshotTraining;

    LearnedModelTraining(LearnedModels learned, ModelRegistry registry, ArtifactStore artifacts,
                         LearnedSnapshots snapshotTraining) {
        this.learned = learned;
        this.registry = registry;
        this.artifacts = artifacts;
        this.snapshotTraining = snapshotTraining;
    }

    /**
     * @param failures filled with the models that could not be trained, and why; the run goes on without them
     * @return the trained models by name
     */
    Map<String, GlobalModelForecaster> train(long version, List<String> names, List<DemandSeries> panel,
                                             LocalDate backtestThrough, LocalDate forecastThrough,
                                             Map<String, String> failures) {
        Map<String, GlobalModelForecaster> trained = new LinkedHashMap<>();
        Consumer<String> stage = text -> registry.stage(version, text).block(STORE_TIMEOUT);
        for (String name : names) {
            List<GlobalModel> snapshots = List.of();
            try {
                snapshots = snapshotTraining.train(name, panel, backtestThrough, forecastThrough, stage);
                store(version, snapshots.get(0), LearnedModelRecord.BACKTEST);
                store(version, snapshots.get(1), LearnedModelRecord.FORECAST);
                trained.put(name, new GlobalModelForecaster(snapshots));
                log.info("Training version {}: {} trained ({} / {})", version, name, snapshots.get(0).training(),
                        snapshots.get(1).training());
            } catch (IllegalArgumentException tooLittleHistory) {
                log.warn("Training version {}: {} not trained, the ensemble goes on without it: {}", version, name,
                        tooLittleHistory.getMessage());
                failures.put(name, tooLittleHistory.getMessage());
                snapshots.forEach(GlobalModel::close);
            } catch (RuntimeException | IOException failure) {
                log.warn("Training version {}: {} could not be trained, the ensemble goes on without it", version,
                        name, failure);
                failures.put(name, failure.toString());
                snapshots.forEach(GlobalModel::close);
            }
        }
        return trained;
    }

    private void store(long version, GlobalModel model, String role) throws IOException {
        Path file = artifacts.file(version, model.name() + "-" + role
                + (model instanceof LstmModel ? ".zip" : ".txt"));
        model.save(file);
        registry.saveLearnedModel(version, new LearnedModelRecord(model.name(), role, model.spec(),
                model.training(), ArtifactStore.describe(file))).block(STORE_TIMEOUT);
    }

    /** Loads the newest trained snapshots of every learned model whose backend loads; skips unreadable ones. */
    void reloadLatest() {
        List<Map.Entry<Long, LearnedModelRecord>> rows = registry.latestLearnedModels().collectList()
                .block(STORE_TIMEOUT);
        Map<String, List<Map.Entry<Long, LearnedModelRecord>>> byName = rows.stream()
                .collect(Collectors.groupingBy(row -> row.getValue().name(), LinkedHashMap::new,
                        Collectors.toList()));
        byName.forEach((name, snapshots) -> {
            if (!learned.backend(name).available()) {
                log.warn("Learned model {} not loaded: {}", name, learned.backend(name).detail());
                return;
            }
            long version = snapshots.get(0).getKey();
            List<GlobalModel> models = new ArrayList<>();
            try {
                for (Map.Entry<Long, LearnedModelRecord> row : snapshots) {
                    models.add(load(row.getValue()));
                }
                learned.replace(version, Map.of(name, new GlobalModelForecaster(models)));
                log.info("Learned model {} of version {} loaded ({} snapshots)", name, version, models.size());
            } catch (IOException | RuntimeException unreadable) {
                models.forEach(GlobalModel::close);
                log.warn("Learned model {} of version {} not loaded ({}); the ensemble goes on without it until "
                        + "the next training run", name, version, unreadable.toString());
            }
        });
    }

    private static GlobalModel load(LearnedModelRecord record) throws IOException {
        Path file = Path.of(record.artifact().path());
        ModelVersion.Artifact actual = ArtifactStore.describe(file);
        if (!actual.sha256().equals(record.artifact().sha256())) {
            throw new IOException(file + " does not match its registered SHA-256");
        }
        return ForecastModels.LSTM.equals(record.name())
                ? LstmModel.load(file, record.spec(), record.training())
                : GradientBoostedModel.load(file, record.spec(), record.training());
    }
}
