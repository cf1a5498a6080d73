package io.stockflow.inventory.outbox;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Events written in the transaction of the state they announce (transactional outbox); {@link OutboxRelay} sends
 * them. An event id already in the outbox is not added again, which makes "one per series and day" events
 * idempotent by construction.
 */
public class Outbox {

    private final DatabaseClient db;
    private final EventCodec codec;

    public Outbox(DatabaseClient db, EventCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    public record Pending(String topic, String key, EventEnvelope<?> event) {
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
                .bind(3, events.stream().map(e -> new String(codec.encode(e.event()), StandardCharsets.UTF_8))
                        .toArray(String[]::new))
                .map(row -> row.get("event_id", UUID.class)).all();
    }
}
