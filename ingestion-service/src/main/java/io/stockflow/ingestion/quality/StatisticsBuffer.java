package io.stockflow.ingestion.quality;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * Sums ingestion statistics in memory and writes them to PostgreSQL once a second (and on demand), so that
 * neither a single POST nor a batch chunk waits for a database round trip. The lines themselves are on Kafka
 * before any statistic is counted: what a crash can lose is at most the last second of counts. A failed write is
 * kept and retried with the next one.
 */
public class StatisticsBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatisticsBuffer.class);

    private final IngestionStatisticsRepository repository;
    private final Counter failures;
    private final Disposable schedule;
    private ChunkStatistics pending = new ChunkStatistics(Instant.EPOCH);

    public StatisticsBuffer(IngestionStatisticsRepository repository, MeterRegistry registry, Duration interval) {
        this.repository = repository;
        this.failures = Counter.builder("stockflow.ingestion.statistics.failures")
                .description("Writes of ingestion statistics to PostgreSQL that failed (and will be retried)")
                .register(registry);
        this.schedule = Flux.interval(interval, interval).onBackpressureDrop()
                .concatMap(tick -> flush().onErrorResume(e -> Mono.empty()))
                .subscribe();
    }

    public synchronized void add(ChunkStatistics chunk) {
        pending.merge(chunk);
    }

    /** Writes what has been counted so far; completes when it is in PostgreSQL. */
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            ChunkStatistics batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return Mono.empty();
                }
                batch = pending;
                pending = new ChunkStatistics(Instant.EPOCH);
            }
            return repository.record(batch).doOnError(e -> {
                failures.increment();
                log.warn("could not write ingestion statistics; keeping them for the next attempt", e);
                add(batch);
            });
        });
    }

    @Override
    public void close() {
        schedule.dispose();
        flush().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
    }
}
