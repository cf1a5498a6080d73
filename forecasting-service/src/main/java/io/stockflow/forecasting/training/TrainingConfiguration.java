package io.stockflow.forecasting.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.forecasting.ForecastingProperties;
import io.stockflow.forecasting.accuracy.ForecastLedger;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.forecast.QuantileTables;
import io.stockflow.forecasting.forecast.SeriesForecaster;
import io.stockflow.forecasting.forecast.SeriesLoader;
import io.stockflow.forecasting.model.DriftDetector;
import io.stockflow.forecasting.learned.GradientBoostedTrainer;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.learned.LstmTrainer;
import io.stockflow.forecasting.publish.ForecastEvents;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TrainingConfiguration {

    @Bean
    ModelRegistry modelRegistry(DatabaseClient db, JsonMapper json) {
        return new ModelRegistry(db, json);
    }

    @Bean
    ForecastEvents forecastEvents(EventPublisher publisher, Clock clock) {
        return new ForecastEvents(publisher, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService trainingRunner() {
        return Executors.newSingleThreadExecutor(daemon("training-run"));
    }

    /** Model fitting is CPU-bound: one thread per core. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService trainingPool() {
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("training"));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Bean
    ArtifactFitArchive artifactFitArchive(JsonMapper json) {
        return new ArtifactFitArchive(json);
    }

    @Bean
    TrainingJobs trainingJobs(ModelRegistry registry, DemandRepository demand, DemandCalendar calendar,
                              SeriesLoader loader, SeriesForecaster forecaster, ForecastLedger ledger,
                              ForecastEvents events, ForecastingProperties properties, JsonMapper json,
                              ArtifactFitArchive archive, ExecutorService trainingRunner,
                              ExecutorService trainingPool, MeterRegistry meters, LearnedModels learned,
                              GradientBoostedTrainer boosting, LstmTrainer lstm) {
        SeriesTrainer trainer = new SeriesTrainer(forecaster, ledger, events, DriftDetector.standard(),
                new QuantileTables(properties.quantileLevels()));
        ArtifactStore artifacts = new ArtifactStore(properties.artifactsDir(), json);
        return new TrainingJobs(registry, demand, calendar, trainer, loader, forecaster, learned,
                new LearnedModelTraining(learned, registry, artifacts, new LearnedSnapshots(boosting, lstm)), artifacts, archive,
                trainingRunner, trainingPool, properties.maxHorizonDays(), meters);
    }

    @Bean
    ScheduledTraining scheduledTraining(TrainingJobs jobs) {
        return new ScheduledTraining(jobs);
    }

    /**
     * Marks runs a restart cut off as failed, then loads the last successful run's fits and learned models in the
     * background.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recoverInterruptedRuns(ApplicationReadyEvent ready) {
        TrainingJobs jobs = ready.getApplicationContext().getBean(TrainingJobs.class);
        jobs.recoverInterrupted().block();
        jobs.reloadLatest();
    }
}
