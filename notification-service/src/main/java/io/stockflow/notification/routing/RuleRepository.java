package io.stockflow.notification.routing;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Rules in PostgreSQL, their definitions as JSON. */
public class RuleRepository {

    private final DatabaseClient db;
    private final JsonMapper json;

    public RuleRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Rule> save(UUID id, RuleDefinition definition) {
        return db.sql("""
                        INSERT INTO rule (rule_id, name, enabled, definition) VALUES ($1, $2, $3, $4::jsonb)
                        ON CONFLICT (rule_id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
                            definition = excluded.definition, updated_at = now()""")
                .bind(0, id).bind(1, definition.name()).bind(2, definition.isEnabled())
                .bind(3, json.writeValueAsString(definition)).then().then(get(id));
    }

    public Mono<Rule> get(UUID id) {
        return db.sql("SELECT rule_id, definition::text AS definition, created_at, updated_at FROM rule "
                + "WHERE rule_id = $1").bind(0, id).map(this::rule).one();
    }

    public Flux<Rule> all() {
        return db.sql("SELECT rule_id, definition::text AS definition, created_at, updated_at FROM rule "
                + "ORDER BY created_at, rule_id").map(this::rule).all();
    }

    private record Snapshot(String fingerprint, List<Rule> rules) {
    }

    private volatile Snapshot enabledSnapshot = new Snapshot("", List.of());

    /**
     * The enabled rules, re-read only when they changed: every alert batch needs them, and reading and parsing
     * hundreds of definitions per batch would cost more than routing. The fingerprint covers each enabled rule's
     * row version ({@code xmin}), so any insert, update, disabling or deletion — on any replica — is seen by the
     * next batch.
     */
    public Mono<List<Rule>> enabledRules() {
        return db.sql("""
                        SELECT coalesce(md5(string_agg(rule_id::text || ':' || xmin::text, ',' ORDER BY rule_id)),
                            '') AS fingerprint
                        FROM rule WHERE enabled""")
                .map(row -> row.get("fingerprint", String.class)).one()
                .flatMap(fingerprint -> {
                    Snapshot known = enabledSnapshot;
                    if (known.fingerprint().equals(fingerprint)) {
                        return Mono.just(known.rules());
                    }
                    // A change between the two reads leaves a stale fingerprint: the next batch reads again.
                    return enabled().collectList().map(rules -> {
                        enabledSnapshot = new Snapshot(fingerprint, List.copyOf(rules));
                        return rules;
                    });
                });
    }

    private Flux<Rule> enabled() {
        return db.sql("SELECT rule_id, definition::text AS definition, created_at, updated_at FROM rule "
                + "WHERE enabled ORDER BY created_at, rule_id").map(this::rule).all();
    }

    /** @return false when it had routed alerts: those keep their history, so it is disabled instead */
    public Mono<Boolean> delete(UUID id) {
        return db.sql("""
                        DELETE FROM rule WHERE rule_id = $1
                          AND NOT EXISTS (SELECT 1 FROM alert_route WHERE rule_id = $1)""")
                .bind(0, id).fetch().rowsUpdated().map(deleted -> deleted > 0);
    }

    private Rule rule(Readable row) {
        return new Rule(row.get("rule_id", UUID.class),
                json.readValue(row.get("definition", String.class), RuleDefinition.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
