package io.stockflow.inventory.outbox;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.Topic;
import io.stockflow.common.messaging.EventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events written in the transaction of the state they announce (transactional outbox); {@link OutboxRelay} sends
 * them. An event id already in the outbox is not added again, which makes "one per series and day" events
 * idempotent by construction.
 */
public class Outbox {

    private final DatabaseClient db;
    private final EventPublisher publisher;

    public Outbox(DatabaseClient db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    /** An event to be sent: its topic's name, its key and the encoded envelope. */
    public record Pending(String topic, String key, EventEnvelope<?> event, byte[] encoded) {
    }

    /** An event of this topic from this service, keyed and encoded as the publisher would send it now. */
    public <P> Pending event(Topic<P> topic, String type, UUID eventId, Instant occurredAt, P payload) {
        EventEnvelope<P> event = publisher.envelope(topic, type, eventId, occurredAt, payload);
        return new Pending(topic.name(), topic.keyOf(payload), event, publisher.encode(event));
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
                .bind(0, events.stream().map(e -> e.event().eventId().toString()).toArray(String[]::new))
                .bind(1, events.stream().map(Pending::topic).toArray(String[]::new))
                .bind(2, events.stream().map(Pending::key).toArray(String[]::new))
                .bind(3, events.stream().map(e -> new String(e.encoded(), StandardCharsets.UTF_8))
                        .toArray(String[]::new))
                .map(row -> row.get("event_id", UUID.class)).all();
    }
}
