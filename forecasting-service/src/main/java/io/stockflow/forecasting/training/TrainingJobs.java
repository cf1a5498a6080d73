package io.stockflow.forecasting.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.SeriesKey;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.segment.SegmentInput;
import io.stockflow.forecasting.segment.Segmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final ArtifactStore artifacts;
    private final ArtifactFitArchive archive;
    private final ExecutorService runner;
    private final ExecutorService pool;
    private final Map<String, Object> settings;
    private final Counter seriesTrained;
    private final Counter seriesFailed;

    TrainingJobs(ModelRegistry registry, DemandRepository demand, DemandCalendar calendar, SeriesTrainer trainer,
                 ArtifactStore artifacts, ArtifactFitArchive archive, ExecutorService runner, ExecutorService pool,
                 EnsembleForecaster.Settings ensemble, int maxHorizonDays, MeterRegistry meters) {
        this.registry = registry;
        this.demand = demand;
        this.calendar = calendar;
        this.trainer = trainer;
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
        List<String> stores = request.storeIds() == null ? List.of() : request.storeIds();
        List<String> products = request.productIds() == null ? List.of() : request.productIds();
        Map<String, Object> parameters = new LinkedHashMap<>(settings);
        parameters.put("members", EnsembleForecaster.NAME.equals(model)
                ? ForecastModels.defaultMembers().stream().map(member -> member.name()).toList() : List.of(model));
        parameters.put("store_ids", stores);
        parameters.put("product_ids", products);
        return registry.start(model, requestedBy, parameters)
                .doOnNext(version -> runner.execute(() -> run(version, model, stores, products)))
                .flatMap(registry::get);
    }

    /** Loads the fits of the last successful run, on the runner thread, so that start-up does not wait for it. */
    public void reloadLatestFits() {
        runner.execute(() -> registry.latestSucceeded().blockOptional(QUERY_TIMEOUT).ifPresent(archive::load));
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
        try {
            List<SeriesKey> keys = demand.series(stores, products).collectList().block(QUERY_TIMEOUT);
            Map<String, LocalDate> historyEnds = calendar.historyEnds(
                    keys.stream().map(SeriesKey::storeId).distinct().toList()).block(QUERY_TIMEOUT);
            int total = keys.size();
            registry.progress(version, total, 0, 0).block(QUERY_TIMEOUT);
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
                            try {
                                Optional<SeriesTrainer.Outcome> outcome = trainer.train(key, model, version,
                                        historyEnds.get(key.storeId()));
                                outcome.ifPresent(trained -> {
                                    summaries.add(trained.summary());
                                    segmentInputs.put(key, trained.segmentInput());
                                    trained.summary().backtests().forEach(totals::add);
                                    writer.write(trained.artifactLine());
                                    synchronized (earliest) {
                                        LocalDate start = trained.summary().historyFrom();
                                        earliest[0] = earliest[0] == null || start.isBefore(earliest[0])
                                                ? start : earliest[0];
                                    }
                                });
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
            segment(version, segmentInputs, historyEnds);
            Map<String, Object> metrics = new LinkedHashMap<>(totals.summary());
            metrics.put("series_trained", done.get());
            metrics.put("series_failed", failed.get());
            LocalDate latest = historyEnds.values().stream().max(LocalDate::compareTo).orElse(null);
            registry.succeed(version, earliest[0], latest, metrics, artifact).block(QUERY_TIMEOUT);
            registry.get(version).blockOptional(QUERY_TIMEOUT).ifPresent(archive::load);
            log.info("Training version {} of {} finished: {} series trained, {} failed", version, model,
                    done.get(), failed.get());
        } catch (Exception failure) {
            log.error("Training version {} failed", version, failure);
            registry.fail(version, failure.toString()).block(QUERY_TIMEOUT);
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
