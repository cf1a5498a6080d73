package io.stockflow.notification.alert;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alerts in PostgreSQL (schema {@code notification}); the alert id is the raising event's id. */
public class AlertRepository {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            alert_id, type, severity, store_id, product_id, title, message, payload::text AS payload, status,
            occurred_at, received_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by""";

    private final DatabaseClient db;
    private final JsonMapper json;

    public AlertRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Stores the alerts not seen before; returns those (a redelivered event is not new). */
    public Flux<UUID> store(List<IncomingAlert> alerts) {
        if (alerts.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        INSERT INTO alert (alert_id, type, severity, store_id, product_id, title, message, payload,
                                           dedup_key, occurred_at)
                        SELECT * FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                                             $6::text[], $7::text[], $8::text[]::jsonb[], $9::text[],
                                             $10::text[]::timestamptz[])
                        ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id""")
                .bind(0, alerts.stream().map(a -> a.alertId().toString()).toArray(String[]::new))
                .bind(1, alerts.stream().map(IncomingAlert::type).toArray(String[]::new))
                .bind(2, alerts.stream().map(a -> a.severity().wire()).toArray(String[]::new))
                .bind(3, alerts.stream().map(IncomingAlert::storeId).toArray(String[]::new))
                .bind(4, alerts.stream().map(IncomingAlert::productId).toArray(String[]::new))
                .bind(5, alerts.stream().map(IncomingAlert::title).toArray(String[]::new))
                .bind(6, alerts.stream().map(IncomingAlert::message).toArray(String[]::new))
                .bind(7, alerts.stream().map(a -> json.writeValueAsString(a.fields())).toArray(String[]::new))
                .bind(8, alerts.stream().map(IncomingAlert::dedupKey).toArray(String[]::new))
                .bind(9, alerts.stream().map(a -> a.occurredAt().toString()).toArray(String[]::new))
                .map(row -> row.get("alert_id", UUID.class)).all();
    }

    /** Resolves the open alerts of a situation that ended, and cancels what was still waiting to be sent. */
    public Mono<Long> resolveSituation(String dedupKey, String actor) {
        return db.sql("""
                        WITH ended AS (
                            UPDATE alert SET status = 'resolved', resolved_at = now(), resolved_by = $2
                            WHERE dedup_key = $1 AND status IN ('open', 'acknowledged') RETURNING alert_id),
                        cancelled AS (
                            UPDATE delivery SET status = 'cancelled', last_error = 'the alert was resolved first'
                            WHERE alert_id IN (SELECT alert_id FROM ended) AND status IN ('pending', 'retrying')
                            RETURNING 1)
                        SELECT count(*) AS resolved FROM ended""")
                .bind(0, dedupKey).bind(1, actor).map(row -> row.get("resolved", Long.class)).one();
    }

    public Mono<Alert> get(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM alert WHERE alert_id = $1").bind(0, id).map(this::alert).one();
    }

    /** The alerts of these ids that exist, by id: one query for a batch of deliveries. */
    public Mono<Map<UUID, Alert>> getAll(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM alert WHERE alert_id = ANY($1)")
                .bind(0, ids.stream().distinct().toArray(UUID[]::new)).map(this::alert).all()
                .collectMap(Alert::alertId);
    }

    /** Alerts matching the filters (null: any), newest first, paged back from {@code before}. */
    public Flux<Alert> find(String status, String type, String severity, String storeId, String productId,
                            Instant from, Instant to, Instant before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        List<Object> values = new ArrayList<>();
        Object[][] filters = {{"status = ", status}, {"type = ", type}, {"severity = ", severity},
                {"store_id = ", storeId}, {"product_id = ", productId}, {"received_at >= ", from},
                {"received_at < ", to}, {"received_at < ", before}};
        for (Object[] filter : filters) {
            if (filter[1] != null) {
                values.add(filter[1]);
                sql.append(" AND ").append(filter[0]).append('$').append(values.size());
            }
        }
        sql.append(" ORDER BY received_at DESC, alert_id LIMIT ").append(limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(i, values.get(i));
        }
        return spec.map(this::alert).all();
    }

    /** @return the alert after the change, or empty when its status does not allow it */
    public Mono<Alert> acknowledge(UUID id, String actor) {
        return db.sql("""
                        UPDATE alert SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2
                        WHERE alert_id = $1 AND status = 'open' RETURNING alert_id""")
                .bind(0, id).bind(1, actor).map(row -> row.get("alert_id", UUID.class)).one().flatMap(this::get);
    }

    public Mono<Alert> resolve(UUID id, String actor) {
        return db.sql("""
                        UPDATE alert SET status = 'resolved', resolved_at = now(), resolved_by = $2
                        WHERE alert_id = $1 AND status IN ('open', 'acknowledged') RETURNING alert_id""")
                .bind(0, id).bind(1, actor).map(row -> row.get("alert_id", UUID.class)).one().flatMap(this::get);
    }

    /**
     * Removes up to {@code limit} alerts resolved before {@code cutoff}, with their routes, deliveries and delivery
     * log; an alert with a delivery still under way stays.
     *
     * @return how many alerts were removed
     */
    public Mono<Long> pruneResolvedBefore(Instant cutoff, int limit) {
        // Foreign keys are checked at the end of the statement, after every CTE has deleted its part.
        return db.sql("""
                        WITH old AS (
                            SELECT alert_id FROM alert a
                            WHERE status = 'resolved' AND resolved_at < $1
                              AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.alert_id = a.alert_id
                                              AND d.status IN ('pending', 'retrying', 'sending'))
                            ORDER BY resolved_at LIMIT $2 FOR UPDATE SKIP LOCKED),
                        attempts AS (
                            DELETE FROM delivery_attempt WHERE delivery_id IN (
                                SELECT delivery_id FROM delivery WHERE alert_id IN (SELECT alert_id FROM old))),
                        deliveries AS (DELETE FROM delivery WHERE alert_id IN (SELECT alert_id FROM old)),
                        routes AS (DELETE FROM alert_route WHERE alert_id IN (SELECT alert_id FROM old))
                        DELETE FROM alert WHERE alert_id IN (SELECT alert_id FROM old)""")
                .bind(0, cutoff).bind(1, limit).fetch().rowsUpdated();
    }

    private Alert alert(Readable row) {
        return new Alert(row.get("alert_id", UUID.class), row.get("type", String.class),
                row.get("severity", String.class), row.get("store_id", String.class),
                row.get("product_id", String.class), row.get("title", String.class),
                row.get("message", String.class), json.readValue(row.get("payload", String.class), FIELDS),
                row.get("status", String.class), row.get("occurred_at", Instant.class),
                row.get("received_at", Instant.class), row.get("acknowledged_at", Instant.class),
                row.get("acknowledged_by", String.class), row.get("resolved_at", Instant.class),
                row.get("resolved_by", String.class));
    }
}
