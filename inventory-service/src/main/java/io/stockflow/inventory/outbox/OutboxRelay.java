package io.stockflow.inventory.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox to Kafka in the order it was written (per key, the order of the facts) through the idempotent
 * producer, and marks events sent only once Kafka acknowledged them. A crash between the two sends them again
 * with the same event ids, which consumers drop.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final Counter sent;

    public OutboxRelay(OutboxRepository outbox, EventPublisher publisher, MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.sent = Counter.builder("stockflow.inventory.outbox.sent")
                .description("events sent from the outbox to Kafka").register(registry);
    }

    @Scheduled(fixedDelayString = "${stockflow.inventory.outbox-interval}")
    public void relay() {
        try {
            int count;
            do {
                count = relayBatch();
            } while (count == BATCH);
        } catch (Exception e) {
            log.warn("OutboxRepository relay paused: {}", e.toString());
        }
    }

    /** @return how many events were sent */
    public int relayBatch() throws Exception {
        List<OutboxRepository.Unsent> rows = outbox.unsent(BATCH).block(TIMEOUT);
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRepository.Unsent row : rows) {
            sends.add(publisher.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
        }
        for (CompletableFuture<?> send : sends) {
            send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        outbox.markSent(rows.stream().map(OutboxRepository.Unsent::eventId).toList()).block(TIMEOUT);
        sent.increment(rows.size());
        return rows.size();
    }
}
