package io.stockflow.ingestion.intake.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.ingestion.batches.BatchRepository;
import io.stockflow.ingestion.dedup.LineClaims;
import io.stockflow.ingestion.intake.IngestionProperties;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires the framework-free intake pipeline to Kafka, Redis, the statistics and the batches' refused rows. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** Longer than the producer's delivery timeout, so a live claim never expires mid-publish. */
    private static final Duration PENDING_CLAIM_TTL = Duration.ofMinutes(2);

    @Bean
    LineValidator lineValidator(Validator validator, Clock clock, IngestionProperties properties) {
        return new LineValidator(validator, clock, properties.maxUnitPrice(), properties.maxAbsQuantity(),
                properties.maxFutureSkew(), properties.maxAge());
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
    IntakePipeline intakePipeline(IngestionProperties properties, LineValidator validator,
                                  ReactiveStringRedisTemplate redis, PosEventPublisher publisher,
                                  BatchRepository batches, StatisticsBuffer statistics, IngestionMetrics metrics,
                                  ExecutorService intakeCompletions) {
        return new IntakePipeline(validator, new LineClaims(redis, PENDING_CLAIM_TTL, properties.dedupRetention()),
                publisher, new OutcomeRecorder(publisher, batches, statistics, metrics,
                properties.alertMinRejected(), properties.alertRejectedShare()), metrics, intakeCompletions,
                properties.defaultCurrency(), properties.chunkRows(), properties.maxReportedRows(),
                properties.lateAfter());
    }
}
