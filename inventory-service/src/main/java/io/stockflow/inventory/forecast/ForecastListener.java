package io.stockflow.inventory.forecast;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeadLetters;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastUpdated;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the latest forecast of every series from {@code forecasts.updated}; a new forecast re-plans the series.
 * Idempotent on the event id; offsets are committed after the batch's statement. An unreadable record goes to
 * {@value #DEAD_LETTER_TOPIC} with the reason.
 */
class ForecastListener {

    static final String DEAD_LETTER_TOPIC = Topics.FORECASTS_UPDATED + ".inventory.dlq";
    private static final Logger log = LoggerFactory.getLogger(ForecastListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final ForecastRepository forecasts;
    private final EventCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Counter applied;
    private final Counter skipped;
    private final Counter unreadable;

    ForecastListener(ForecastRepository forecasts, EventCodec codec, KafkaTemplate<String, byte[]> kafka,
                     MeterRegistry registry) {
        this.forecasts = forecasts;
        this.codec = codec;
        this.kafka = kafka;
        this.applied = events(registry, "applied");
        this.skipped = events(registry, "duplicate_or_older");
        this.unreadable = events(registry, "dead_lettered");
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("stockflow.inventory.forecast.events")
                .description("forecasts.updated events consumed, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    @KafkaListener(id = "inventory-forecasts", topics = Topics.FORECASTS_UPDATED)
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<EventEnvelope<ForecastUpdated>> events = new ArrayList<>(records.size());
        List<CompletableFuture<?>> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<ForecastUpdated> event = codec.decode(record.value(), ForecastUpdated.class);
                if (EventTypes.FORECAST_UPDATED.equals(event.type())) {
                    events.add(event);
                }
            } catch (RuntimeException bad) {
                log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        DeadLetters.reason(bad));
                deadLetters.add(kafka.send(DeadLetters.of(DEAD_LETTER_TOPIC, record, bad)));
            }
        }
        for (CompletableFuture<?> send : deadLetters) {
            send.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        unreadable.increment(deadLetters.size());
        long fresh = forecasts.apply(events).blockOptional(STORE_TIMEOUT).orElse(0L);
        applied.increment(fresh);
        skipped.increment(events.size() - fresh);
    }
}
