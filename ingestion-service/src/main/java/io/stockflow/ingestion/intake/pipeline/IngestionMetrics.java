package io.stockflow.ingestion.intake.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockflow.ingestion.quality.ChunkStatistics;

import java.util.Locale;

/** Business metrics of ingestion, scraped from /actuator/prometheus. */
class IngestionMetrics {

    private final MeterRegistry registry;
    private final Timer chunkTimer;

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.chunkTimer = Timer.builder("stockflow.ingestion.chunk")
                .description("Time to validate, de-duplicate, publish (acks=all) and record one chunk of rows")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    Timer.Sample startChunk() {
        return Timer.start(registry);
    }

    void stopChunk(Timer.Sample sample) {
        sample.stop(chunkTimer);
    }

    /** Lines by outcome (accepted, rejected, duplicate, in_flight, late, out_of_order) and reason code. */
    void record(ChunkStatistics stats) {
        stats.outcomes().forEach((key, lines) -> Counter.builder("stockflow.ingestion.lines")
                .description("POS lines received, by outcome and reason")
                .tag("outcome", key.outcome().name().toLowerCase(Locale.ROOT))
                .tag("reason", key.reason())
                .register(registry)
                .increment(lines));
    }
}
