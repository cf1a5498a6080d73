package io.stockflow.notification.routing;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Routes of alerts through rules ({@code alert_route}): which rule took an alert, and its escalation state. */
public class AlertRouteRepository {

    private final DatabaseClient db;

    public AlertRouteRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @param nextEscalationAt when the rule's first escalation step is due, or null for a rule without one */
    record Route(UUID alertId, UUID ruleId, Instant nextEscalationAt) {
    }

    /** A route whose next escalation step is due, with its alert's status. */
    record DueRoute(UUID alertId, UUID ruleId, int level, String alertStatus) {
    }

    /** Records new routes; a route already recorded (a redelivered batch) stays as it is. */
    Mono<Void> save(List<Route> routes) {
        if (routes.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO alert_route (alert_id, rule_id, next_escalation_at)
                        SELECT * FROM unnest($1::text[]::uuid[], $2::text[]::uuid[], $3::text[]::timestamptz[])
                        ON CONFLICT DO NOTHING""")
                .bind(0, routes.stream().map(r -> r.alertId().toString()).toArray(String[]::new))
                .bind(1, routes.stream().map(r -> r.ruleId().toString()).toArray(String[]::new))
                .bind(2, routes.stream().map(r -> r.nextEscalationAt() == null ? null
                        : r.nextEscalationAt().toString()).toArray(String[]::new)).then();
    }

    /** The routes whose next step is due at {@code now}, the longest overdue first. */
    Flux<DueRoute> due(Instant now, int limit) {
        return db.sql("""
                        SELECT r.alert_id, r.rule_id, r.escalation_level, a.status FROM alert_route r
                        JOIN alert a USING (alert_id)
                        WHERE r.next_escalation_at <= $1 ORDER BY r.next_escalation_at LIMIT $2""")
                .bind(0, now).bind(1, limit)
                .map(row -> new DueRoute(row.get("alert_id", UUID.class), row.get("rule_id", UUID.class),
                        row.get("escalation_level", Integer.class), row.get("status", String.class)))
                .all();
    }

    /**
     * Moves a route one step on, to the step due at {@code next} (null: none left), only if no one moved it since
     * it was read.
     *
     * @return whether this call moved it
     */
    Mono<Boolean> moveOn(DueRoute route, Instant next) {
        var spec = db.sql("""
                        UPDATE alert_route SET escalation_level = $3 + 1, next_escalation_at = $4
                        WHERE alert_id = $1 AND rule_id = $2 AND escalation_level = $3""")
                .bind(0, route.alertId()).bind(1, route.ruleId()).bind(2, route.level());
        spec = next == null ? spec.bindNull(3, Instant.class) : spec.bind(3, next);
        return spec.fetch().rowsUpdated().map(updated -> updated > 0);
    }
}
