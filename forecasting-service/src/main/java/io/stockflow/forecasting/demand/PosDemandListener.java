package io.stockflow.forecasting.demand;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeadLetters;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.pos.PosTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Counts {@code pos.transactions} into daily demand. The batch's offsets are committed only after its statement has
 * committed in PostgreSQL, and that statement skips event ids already counted: a crash between the two redelivers
 * the batch, which then changes nothing. A record that is not a readable POS event goes to
 * {@value #DEAD_LETTER_TOPIC} with the reason in a header instead of blocking the partition.
 */
class PosDemandListener {

    static final String DEAD_LETTER_TOPIC = Topics.POS_TRANSACTIONS + ".forecasting.dlq";
    private static final Logger log = LoggerFactory.getLogger(PosDemandListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final DemandRepository repository;
    private final EventCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ZoneId zone;
    private final Counter counted;
    private final Counter duplicates;
    private final Counter deadLettered;

    PosDemandListener(DemandRepository repository, EventCodec codec, KafkaTemplate<String, byte[]> kafka, ZoneId zone,
                      MeterRegistry registry) {
        this.repository = repository;
        this.codec = codec;
        this.kafka = kafka;
        this.zone = zone;
        this.counted = events(registry, "counted");
        this.duplicates = events(registry, "duplicate");
        this.deadLettered = events(registry, "dead_lettered");
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("stockflow.forecasting.demand.events")
                .description("POS events consumed into daily demand, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @KafkaListener(id = "forecasting-demand", topics = Topics.POS_TRANSACTIONS)
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<DemandLine> lines = new ArrayList<>(records.size());
        List<CompletableFuture<?>> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<PosTransaction> event = codec.decode(record.value(), PosTransaction.class);
                if (EventTypes.POS_TRANSACTION_RECORDED.equals(event.type())) {
                    lines.add(DemandLine.of(event.eventId(), event.payload(), zone));
                }
            } catch (RuntimeException unreadable) {
                deadLetters.add(deadLetter(record, unreadable));
            }
        }
        for (CompletableFuture<?> send : deadLetters) {
            // Not acknowledged by Kafka: throw, and the whole batch is redelivered (counting is idempotent).
            send.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long fresh = repository.record(lines).blockOptional(STORE_TIMEOUT).orElse(0L);
        counted.increment(fresh);
        duplicates.increment(lines.size() - fresh);
        deadLettered.increment(deadLetters.size());
    }

    private CompletableFuture<?> deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                DeadLetters.reason(reason));
        return kafka.send(DeadLetters.of(DEAD_LETTER_TOPIC, record, reason));
    }
}
