package io.stockflow.inventory.ledger;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes {@code pos.transactions} off the shelf: a sale lowers on-hand stock, a return (negative quantity) raises it.
 * The movement id is the event id, so the batch's statement skips what it already booked; offsets are committed
 * only after it committed. Unreadable records go to {@value #DEAD_LETTER_TOPIC} with the reason.
 */
class PosSalesListener {

    static final String DEAD_LETTER_TOPIC = Topics.POS_TRANSACTIONS + ".inventory.dlq";
    private static final Logger log = LoggerFactory.getLogger(PosSalesListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final LedgerRepository ledger;
    private final EventCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Counter booked;
    private final Counter duplicates;
    private final Counter deadLettered;

    PosSalesListener(LedgerRepository ledger, EventCodec codec, KafkaTemplate<String, byte[]> kafka,
                     MeterRegistry registry) {
        this.ledger = ledger;
        this.codec = codec;
        this.kafka = kafka;
        this.booked = events(registry, "booked");
        this.duplicates = events(registry, "duplicate");
        this.deadLettered = events(registry, "dead_lettered");
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("stockflow.inventory.pos.events")
                .description("POS events booked into the stock ledger, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @KafkaListener(id = "inventory-sales", topics = Topics.POS_TRANSACTIONS)
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<Movement> movements = new ArrayList<>(records.size());
        List<CompletableFuture<?>> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<PosTransaction> event = codec.decode(record.value(), PosTransaction.class);
                if (EventTypes.POS_TRANSACTION_RECORDED.equals(event.type())) {
                    movements.add(movement(event));
                }
            } catch (RuntimeException unreadable) {
                deadLetters.add(deadLetter(record, unreadable));
            }
        }
        for (CompletableFuture<?> send : deadLetters) {
            // Not acknowledged by Kafka: throw, and the whole batch is redelivered (booking is idempotent).
            send.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long fresh = ledger.record(movements).blockOptional(STORE_TIMEOUT).orElse(0L);
        booked.increment(fresh);
        duplicates.increment(movements.size() - fresh);
        deadLettered.increment(deadLetters.size());
    }

    static Movement movement(EventEnvelope<PosTransaction> event) {
        PosTransaction line = event.payload();
        boolean isReturn = line.quantity().signum() < 0;
        return new Movement(event.eventId(), line.storeId(), line.productId(),
                isReturn ? MovementKind.RETURN : MovementKind.SALE, line.quantity().negate(),
                line.transactionTimestamp(), line.transactionId(), null, event.source());
    }

    private CompletableFuture<?> deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                DeadLetters.reason(reason));
        return kafka.send(DeadLetters.of(DEAD_LETTER_TOPIC, record, reason));
    }
}
