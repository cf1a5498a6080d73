package io.stockflow.ingestion.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.ingestion.dedup.IdempotencyStore;
import io.stockflow.ingestion.dedup.LineClaims;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.ingestion.quality.IngestionStatisticsRepository;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires the framework-free intake pipeline to Kafka, Redis and PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    /** Longer than the producer's delivery timeout, so a live claim never expires mid-publish. */
    private static final Duration PENDING_CLAIM_TTL = Duration.ofMinutes(2);

    @Bean
    LineValidator lineValidator(Validator validator, Clock clock, IngestionProperties properties) {
        return new LineValidator(validator, clock, properties.maxUnitPrice(), properties.maxAbsQuantity(),
                properties.maxFutureSkew(), properties.maxAge());
    }

    @Bean
    PosEventPublisher posEventPublisher(EventPublisher publisher) {
        return new PosEventPublisher(publisher);
    }

    @Bean
    IngestionStatisticsRepository ingestionStatisticsRepository(DatabaseClient db) {
        return new IngestionStatisticsRepository(db);
    }

    @Bean(destroyMethod = "close")
    StatisticsBuffer statisticsBuffer(IngestionStatisticsRepository repository, MeterRegistry registry) {
        return new StatisticsBuffer(repository, registry, Duration.ofSeconds(1));
    }

    /** Waits for Kafka acknowledgements of chunks while their requests read on. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService intakeCompletions() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "intake-completion-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    IngestionMetrics ingestionMetrics(MeterRegistry registry) {
        return new IngestionMetrics(registry);
    }

    @Bean
    IntakeService intakeService(IngestionProperties properties, LineValidator validator,
                                ReactiveStringRedisTemplate redis, PosEventPublisher publisher,
                                StatisticsBuffer statistics, IngestionMetrics metrics, ExecutorService intakeCompletions) {
        return new IntakeService(properties, validator,
                new LineClaims(redis, PENDING_CLAIM_TTL, properties.dedupRetention()),
                publisher, statistics, metrics, intakeCompletions);
    }

    @Bean
    IntakeRequests intakeRequests(IntakeService intake, ReactiveStringRedisTemplate redis,
                                  IngestionStatisticsRepository repository, StatisticsBuffer statistics,
                                  IngestionProperties properties, JsonMapper json, Clock clock) {
        return new IntakeRequests(intake, new IdempotencyStore(redis, properties.idempotencyRetention()), repository,
                statistics, properties, json, clock);
    }
}
