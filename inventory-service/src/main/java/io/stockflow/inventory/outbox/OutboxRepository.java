package io.stockflow.inventory.outbox;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.Topic;
import io.stockflow.common.messaging.EventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events written in the transaction of the state they announce (transactional outbox); {@link OutboxRelay} sends
 * them. An event id already in the outbox is not added again, which makes "one per series and day" events
 * idempotent by construction.
 */
public class OutboxRepository {

    private final DatabaseClient db;
    private final EventPublisher publisher;

    public OutboxRepository(DatabaseClient db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    /** An event to be sent: its id, its topic's name, its key and the encoded envelope. */
    public record Pending(UUID eventId, String topic, String key, byte[] encoded) {
    }

    /** An event of this topic from this service, keyed and encoded as the publisher would send it now. */
    public <P> Pending event(Topic<P> topic, String type, UUID eventId, Instant occurredAt, P payload) {
        EventEnvelope<P> event = publisher.envelope(topic, type, eventId, occurredAt, payload);
        return new Pending(eventId, topic.name(), topic.keyOf(payload), publisher.encode(event));
    }

    /** @return the ids of the events that were new */
    public Flux<UUID> add(List<Pending> events) {
        if (events.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        INSERT INTO outbox (event_id, topic, event_key, payload)
                        SELECT * FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[])
                        ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
                .bind(0, events.stream().map(e -> e.eventId().toString()).toArray(String[]::new))
                .bind(1, events.stream().map(Pending::topic).toArray(String[]::new))
                .bind(2, events.stream().map(Pending::key).toArray(String[]::new))
                .bind(3, events.stream().map(e -> new String(e.encoded(), StandardCharsets.UTF_8))
                        .toArray(String[]::new))
                .map(row -> row.get("event_id", UUID.class)).all();
    }

    /** An event waiting to be sent, as it will be sent. */
    record Unsent(UUID eventId, String topic, String key, byte[] payload) {
    }

    /** The oldest unsent events, in the order they were written. */
    Mono<List<Unsent>> unsent(int limit) {
        return db.sql("""
                        SELECT event_id, topic, event_key, payload FROM outbox WHERE sent_at IS NULL
                        ORDER BY created_at, event_id LIMIT $1""").bind(0, limit)
                .map(row -> new Unsent(row.get("event_id", UUID.class), row.get("topic", String.class),
                        row.get("event_key", String.class),
                        row.get("payload", String.class).getBytes(StandardCharsets.UTF_8)))
                .all().collectList();
    }

    Mono<Void> markSent(List<UUID> eventIds) {
        return db.sql("UPDATE outbox SET sent_at = now() WHERE event_id = ANY($1::uuid[])")
                .bind(0, eventIds.toArray(UUID[]::new)).then();
    }

    /** Forgets events sent before {@code cutoff}: consumers have had them for long. */
    public Mono<Void> purgeSentBefore(Instant cutoff) {
        return db.sql("DELETE FROM outbox WHERE sent_at < $1").bind(0, cutoff).then();
    }
}
