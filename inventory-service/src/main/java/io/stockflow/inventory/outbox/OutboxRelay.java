package io.stockflow.inventory.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    private final DatabaseClient db;
    private final EventPublisher publisher;
    private final Counter sent;

    public OutboxRelay(DatabaseClient db, EventPublisher publisher, MeterRegistry registry) {
        this.db = db;
        this.publisher = publisher;
        this.sent = Counter.builder("stockflow.inventory.outbox.sent")
                .description("events sent from the outbox to Kafka").register(registry);
    }

    private record Row(UUID id, String topic, String key, byte[] payload) {
    }

    @Scheduled(fixedDelayString = "${stockflow.inventory.outbox-interval}")
    public void relay() {
        try {
            int count;
            do {
                count = relayBatch();
            } while (count == BATCH);
        } catch (Exception e) {
            log.warn("Outbox relay paused: {}", e.toString());
        }
    }

    /** @return how many events were sent */
    public int relayBatch() throws Exception {
        List<Row> rows = db.sql("""
                        SELECT event_id, topic, event_key, payload FROM outbox WHERE sent_at IS NULL
                        ORDER BY created_at, event_id LIMIT $1""").bind(0, BATCH)
                .map(row -> new Row(row.get("event_id", UUID.class), row.get("topic", String.class),
                        row.get("event_key", String.class),
                        row.get("payload", String.class).getBytes(StandardCharsets.UTF_8))).all().collectList().block(TIMEOUT);
        if (rows == null || rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sends.add(publisher.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
        }
        for (CompletableFuture<?> send : sends) {
            send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        db.sql("UPDATE outbox SET sent_at = now() WHERE event_id = ANY($1::uuid[])")
                .bind(0, rows.stream().map(Row::id).toArray(UUID[]::new)).then().block(TIMEOUT);
        sent.increment(rows.size());
        return rows.size();
    }
}
