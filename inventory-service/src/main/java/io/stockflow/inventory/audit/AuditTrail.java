package io.stockflow.inventory.audit;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit trail: every automated decision (a recommendation, an alert, a recomputed policy) and every change of a
 * term, policy or purchase order, with who or what did it. Written in the same transaction as the change it records.
 */
public class AuditTrail {

    /** The actor of decisions the service takes by itself. */
    public static final String SYSTEM = "system:inventory";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditTrail(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> record(String actor, String action, String entityType, String entityId,
                             Map<String, ?> details) {
        return db.sql("""
                        INSERT INTO audit_event (actor, action, entity_type, entity_id, details)
                        VALUES ($1, $2, $3, $4, $5::jsonb)""")
                .bind(0, actor == null ? SYSTEM : actor).bind(1, action).bind(2, entityType).bind(3, entityId)
                .bind(4, json.writeValueAsString(details)).then();
    }

    /** An entry to write. */
    public record Entry(String actor, String action, String entityType, String entityId, Map<String, ?> details) {
    }

    public Mono<Void> recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO audit_event (actor, action, entity_type, entity_id, details)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]::jsonb[])""")
                .bind(0, entries.stream().map(e -> e.actor() == null ? SYSTEM : e.actor()).toArray(String[]::new))
                .bind(1, entries.stream().map(Entry::action).toArray(String[]::new))
                .bind(2, entries.stream().map(Entry::entityType).toArray(String[]::new))
                .bind(3, entries.stream().map(Entry::entityId).toArray(String[]::new))
                .bind(4, entries.stream().map(e -> json.writeValueAsString(e.details())).toArray(String[]::new))
                .then();
    }

    /** Entries matching every given filter, newest first. */
    public Flux<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT audit_id, at, actor, action, entity_type, entity_id, details::text AS details
                FROM audit_event WHERE true""");
        List<Object> values = new ArrayList<>();
        filter(sql, values, "entity_type = ", query.entityType());
        filter(sql, values, "entity_id = ", query.entityId());
        filter(sql, values, "actor = ", query.actor());
        filter(sql, values, "action = ", query.action());
        filter(sql, values, "at >= ", query.from());
        filter(sql, values, "at < ", query.to());
        filter(sql, values, "audit_id < ", query.before());
        sql.append(" ORDER BY audit_id DESC LIMIT ").append(query.limit());
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(i, values.get(i));
        }
        return spec.map((row, meta) -> new AuditEntry(row.get("audit_id", Long.class), row.get("at", Instant.class),
                row.get("actor", String.class), row.get("action", String.class),
                row.get("entity_type", String.class), row.get("entity_id", String.class),
                json.readValue(row.get("details", String.class), DETAILS))).all();
    }

    private static void filter(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            values.add(value);
            sql.append(" AND ").append(condition).append('$').append(values.size());
        }
    }
}
