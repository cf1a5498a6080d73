package io.stockflow.forecasting.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.forecast.SeriesForecaster;
import io.stockflow.forecasting.forecast.SeriesLoader;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.model.Forecaster;
import io.stockflow.forecasting.segment.SegmentInput;
import io.stockflow.forecasting.segment.Segmentation;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training runs: each refits a model for a set of series in the background, registers a model version with its
 * progress, metrics and artifact, issues and publishes the new forecasts. One run at a time (the registry refuses a
 * second); the series of a run are spread over the training pool.
 */
public class TrainingJobs {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobs.class);
    private static final int CHUNK = 50;
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    /** Clusters of the demand segmentation recorded with each run, and its seed (runs stay comparable). */
    private static final int SEGMENTS = 4;
    private static final long SEGMENT_SEED = 42;

    private final ModelRegistry registry;
    private final DemandRepository demand;
    private final DemandCalendar calendar;
    private final SeriesTrainer trainer;
    private final SeriesLoader loader;
    private final SeriesForecaster forecaster;
    private final LearnedModels learned;
    private final LearnedModelTraining learnedTraining;
    private final ArtifactStore artifacts;
    private final ArtifactFitArchive archive;
    private final ExecutorService runner;
    private final ExecutorService pool;
    private final Map<String, Object> settings;
    private final Counter seriesTrained;
    private final Counter seriesFailed;

    TrainingJobs(ModelRegistry registry, DemandRepository demand, DemandCalendar calendar, SeriesTrainer trainer,
                 SeriesLoader loader, SeriesForecaster forecaster, LearnedModels learned,
                 LearnedModelTraining learnedTraining, ArtifactStore artifacts, ArtifactFitArchive archive,
                 ExecutorService runner, ExecutorService pool, int maxHorizonDays, MeterRegistry meters) {
        this.registry = registry;
        this.demand = demand;
        this.calendar = calendar;
        this.trainer = trainer;
        this.loader = loader;
        this.forecaster = forecaster;
        this.learned = learned;
        this.learnedTraining = learnedTraining;
        EnsembleForecaster.Settings ensemble = forecaster.settings();
        this.artifacts = artifacts;
        this.archive = archive;
        this.runner = runner;
        this.pool = pool;
        this.settings = new LinkedHashMap<>();
        settings.put("backtest_origins", ensemble.origins());
        settings.put("backtest_horizon_days", ensemble.backtestHorizon());
        settings.put("best_members", ensemble.bestMembers());
        settings.put("season_days", ensemble.seasonPeriod());
        settings.put("fit_horizon_days", maxHorizonDays);
        settings.put("issued_days", SeriesTrainer.ISSUED_DAYS);
        this.seriesTrained = Counter.builder("stockflow.forecasting.training.series").tag("outcome", "trained")
                .description("Series fitted by training runs").register(meters);
        this.seriesFailed = Counter.builder("stockflow.forecasting.training.series").tag("outcome", "failed")
                .description("Series fitted by training runs").register(meters);
    }

    /** Registers a run and starts it; the version tells its progress. */
    public Mono<ModelVersion> start(TrainingRequest request, String requestedBy) {
        String model = request.model() == null ? EnsembleForecaster.NAME : request.model();
        if (!ForecastModels.names().contains(model)) {
            throw new ApiProblemException(Problems.invalidInput("invalid training request", List.of(
                    FieldViolation.of("model", "unknown_model", "unknown model " + model + "; valid models are "
                            + ForecastModels.names()))));
        }
        if (ForecastModels.isLearned(model) && !learned.backend(model).available()) {
            throw Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "model-unavailable", "Model unavailable",
                    "The " + model + " model cannot be trained on this instance: " + learned.backend(model).detail());
        }
        List<String> stores = request.storeIds() == null ? List.of() : request.storeIds();
        List<String> products = request.productIds() == null ? List.of() : request.productIds();
        Map<String, Object> parameters = new LinkedHashMap<>(settings);
        List<String> members = new ArrayList<>(List.of(model));
        if (EnsembleForecaster.NAME.equals(model)) {
            members = new ArrayList<>(ForecastModels.defaultMembers().stream().map(Forecaster::name).toList());
            members.addAll(learned.trainable());
        }
        parameters.put("members", members);
        parameters.put("store_ids", stores);
        parameters.put("product_ids", products);
        return registry.start(model, requestedBy, parameters)
                .doOnNext(version -> runner.execute(() -> run(version, model, stores, products)))
                .flatMap(registry::get);
    }

    /**
     * Loads the last successful run's fits and the newest learned models, on the runner thread, so that start-up
     * does not wait for them (and a training run queued meanwhile starts after them).
     */
    public void reloadLatest() {
        runner.execute(() -> {
            learnedTraining.reloadLatest();
            registry.latestSucceeded().blockOptional(QUERY_TIMEOUT).ifPresent(archive::load);
        });
    }

    /** Marks runs that a restart cut off as failed, so that training can start again. */
    public Mono<Long> recoverInterrupted() {
        return registry.failInterrupted();
    }

    /** Segments the trained series together (k-means needs them all) and records each one's segments. */
    private void segment(long version, Map<SeriesKey, SegmentInput> inputs, Map<String, LocalDate> historyEnds) {
        List<SeriesKey> keys = new ArrayList<>(inputs.keySet());
        LocalDate since = historyEnds.values().stream().min(LocalDate::compareTo).orElse(LocalDate.now())
                .minusDays(SegmentInput.DEFAULT_WINDOW_DAYS - 1L);
        Map<SeriesKey, Double> revenue = demand.revenueSince(historyEnds.keySet(), since).block(QUERY_TIMEOUT);
        double[] revenues = keys.stream().mapToDouble(key -> revenue.getOrDefault(key, 0.0)).toArray();
        Segmentation.Result segments = Segmentation.segment(keys.stream().map(inputs::get).toList(), revenues,
                SEGMENTS, SEGMENT_SEED);
        registry.saveSegments(version, keys, segments.assignments()).block(QUERY_TIMEOUT);
    }

    void run(long version, String model, List<String> stores, List<String> products) {
        Map<String, GlobalModelForecaster> learnedTrained = Map.of();
        try {
            List<SeriesKey> keys = demand.series(stores, products).collectList().block(QUERY_TIMEOUT);
            Map<String, LocalDate> historyEnds = calendar.historyEnds(
                    keys.stream().map(SeriesKey::storeId).distinct().toList()).block(QUERY_TIMEOUT);
            registry.stage(version, "loading " + keys.size() + " series").block(QUERY_TIMEOUT);
            Map<SeriesKey, DemandSeries> panel = load(keys, historyEnds);
            int total = keys.size();
            registry.progress(version, total, 0, 0).block(QUERY_TIMEOUT);

            Map<String, String> learnedFailures = new LinkedHashMap<>();
            learnedTrained = trainLearned(version, model, panel, historyEnds, learnedFailures);
            Map<String, GlobalModelForecaster> members = new LinkedHashMap<>(forecaster.learnedMembers());
            members.putAll(learnedTrained);
            if (ForecastModels.isLearned(model) && !members.containsKey(model)) {
                throw new IllegalStateException("The " + model + " model could not be trained: "
                        + learnedFailures.getOrDefault(model, forecaster.learnedBackend(model)));
            }
            EnsembleForecaster plan = forecaster.ensemble(model, members.values());
            for (GlobalModelForecaster trained : learnedTrained.values()) {
                registry.stage(version, trained.name() + ": forecasting every series' backtests in batches")
                        .block(QUERY_TIMEOUT);
                trained.prepareForEnsemble(List.copyOf(panel.values()), plan);
            }
            registry.stage(version, "fitting " + total + " series").block(QUERY_TIMEOUT);

            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            BacktestTotals totals = new BacktestTotals();
            Map<SeriesKey, SegmentInput> segmentInputs = new ConcurrentHashMap<>();
            LocalDate[] earliest = {null};
            ModelVersion.Artifact artifact;
            try (ArtifactStore.Writer writer = artifacts.open(version)) {
                List<Future<?>> chunks = new ArrayList<>();
                for (int from = 0; from < total; from += CHUNK) {
                    List<SeriesKey> chunk = keys.subList(from, Math.min(total, from + CHUNK));
                    chunks.add(pool.submit(() -> {
                        List<SeriesFitSummary> summaries = new ArrayList<>(chunk.size());
                        for (SeriesKey key : chunk) {
                            DemandSeries series = panel.get(key);
                            try {
                                if (series != null) {
                                    SeriesTrainer.Outcome trained = trainer.train(key, series, model, version,
                                            historyEnds.get(key.storeId()), members.values());
                                    summaries.add(trained.summary());
                                    segmentInputs.put(key, trained.segmentInput());
                                    trained.summary().backtests().forEach(totals::add);
                                    writer.write(trained.artifactLine());
                                    synchronized (earliest) {
                                        LocalDate start = trained.summary().historyFrom();
                                        earliest[0] = earliest[0] == null || start.isBefore(earliest[0])
                                                ? start : earliest[0];
                                    }
                                }
                                done.incrementAndGet();
                                seriesTrained.increment();
                            } catch (Exception failure) {
                                failed.incrementAndGet();
                                seriesFailed.increment();
                                log.warn("Training version {} failed on series {}: {}", version, key,
                                        failure.toString());
                            }
                        }
                        registry.saveFits(version, summaries).block(QUERY_TIMEOUT);
                        registry.progress(version, total, done.get(), failed.get()).block(QUERY_TIMEOUT);
                        return null;
                    }));
                }
                for (Future<?> chunk : chunks) {
                    chunk.get();
                }
                writer.close();
                artifact = writer.artifact();
            }
            registry.stage(version, "segmenting the series").block(QUERY_TIMEOUT);
            segment(version, segmentInputs, historyEnds);
            Map<String, Object> metrics = new LinkedHashMap<>(totals.summary());
            metrics.put("series_trained", done.get());
            metrics.put("series_failed", failed.get());
            if (!learnedFailures.isEmpty()) {
                metrics.put("learned_models_failed", learnedFailures);
            }
            LocalDate latest = historyEnds.values().stream().max(LocalDate::compareTo).orElse(null);
            registry.stage(version, "done").block(QUERY_TIMEOUT);
            registry.succeed(version, earliest[0], latest, metrics, artifact).block(QUERY_TIMEOUT);
            learnedTrained.values().forEach(GlobalModelForecaster::clearPrepared);
            learned.replace(version, learnedTrained);
            registry.get(version).blockOptional(QUERY_TIMEOUT).ifPresent(archive::load);
            log.info("Training version {} of {} finished: {} series trained, {} failed", version, model,
                    done.get(), failed.get());
        } catch (Exception failure) {
            log.error("Training version {} failed", version, failure);
            learnedTrained.values().forEach(GlobalModelForecaster::close);
            registry.fail(version, failure.toString()).block(QUERY_TIMEOUT);
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every series of the run, loaded on the pool; series without sales are left out. */
    private Map<SeriesKey, DemandSeries> load(List<SeriesKey> keys, Map<String, LocalDate> historyEnds)
            throws Exception {
        Map<SeriesKey, DemandSeries> panel = new ConcurrentHashMap<>();
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<SeriesKey> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            chunks.add(pool.submit(() -> {
                for (SeriesKey key : chunk) {
                    loader.load(key, historyEnds.get(key.storeId())).blockOptional(QUERY_TIMEOUT)
                            .flatMap(series -> series).ifPresent(series -> panel.put(key, series));
                }
                return null;
            }));
        }
        for (Future<?> chunk : chunks) {
            chunk.get();
        }
        Map<SeriesKey, DemandSeries> ordered = new LinkedHashMap<>();
        keys.stream().filter(panel::containsKey).forEach(key -> ordered.put(key, panel.get(key)));
        return ordered;
    }

    /**
     * Trains the learned models the run's model needs (all that can run here for the ensemble, the one named
     * otherwise): a snapshot through the day before the earliest backtest origin of any series, and one through the
     * latest history end.
     */
    private Map<String, GlobalModelForecaster> trainLearned(long version, String model,
                                                            Map<SeriesKey, DemandSeries> panel,
                                                            Map<String, LocalDate> historyEnds,
                                                            Map<String, String> failures) {
        List<String> names = EnsembleForecaster.NAME.equals(model) ? learned.trainable()
                : ForecastModels.isLearned(model) && learned.backend(model).available() ? List.of(model) : List.of();
        if (names.isEmpty() || panel.isEmpty()) {
            return Map.of();
        }
        LocalDate earliestEnd = historyEnds.values().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate latestEnd = historyEnds.values().stream().max(LocalDate::compareTo).orElseThrow();
        LocalDate backtestThrough = LearnedSnapshots.backtestThrough(earliestEnd, forecaster.settings());
        return learnedTraining.train(version, names, List.copyOf(panel.values()), backtestThrough, latestEnd,
                failures);
    }
}
