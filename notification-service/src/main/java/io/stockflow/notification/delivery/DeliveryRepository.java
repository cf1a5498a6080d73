package io.stockflow.notification.delivery;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliveries and their attempts (the delivery log) in PostgreSQL. */
public class DeliveryRepository {

    private final DatabaseClient db;

    public DeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Adds deliveries; one already planned under the same id (a redelivered event) is left as it is. */
    public Mono<Long> plan(List<PlannedDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        INSERT INTO delivery (delivery_id, alert_id, rule_id, subscription_id, action,
                                              escalation_level, status, next_attempt_at, last_error)
                        SELECT * FROM unnest($1::text[]::uuid[], $2::text[]::uuid[], $3::text[]::uuid[],
                                             $4::text[]::uuid[], $5::text[], $6::int[], $7::text[],
                                             $8::text[]::timestamptz[], $9::text[])
                        ON CONFLICT (delivery_id) DO NOTHING""")
                .bind(0, deliveries.stream().map(d -> d.deliveryId().toString()).toArray(String[]::new))
                .bind(1, deliveries.stream().map(d -> d.alertId().toString()).toArray(String[]::new))
                .bind(2, deliveries.stream().map(d -> d.ruleId().toString()).toArray(String[]::new))
                .bind(3, deliveries.stream().map(d -> d.subscriptionId() == null ? null
                        : d.subscriptionId().toString()).toArray(String[]::new))
                .bind(4, deliveries.stream().map(PlannedDelivery::action).toArray(String[]::new))
                .bind(5, deliveries.stream().map(PlannedDelivery::escalationLevel).toArray(Integer[]::new))
                .bind(6, deliveries.stream().map(PlannedDelivery::status).toArray(String[]::new))
                .bind(7, deliveries.stream().map(d -> d.dueAt() == null ? null : d.dueAt().toString())
                        .toArray(String[]::new))
                .bind(8, deliveries.stream().map(PlannedDelivery::note).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    /** A delivery with its log, as the API shows it. */
    public record DeliveryView(UUID deliveryId, UUID ruleId, UUID subscriptionId, String channel, String channelType,
                               String address, String action, int escalationLevel, String status, int attempts,
                               Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt,
                               List<Attempt> log) {
    }

    public record Attempt(int attempt, Instant at, String outcome, Integer status, String detail) {
    }

    public Mono<List<DeliveryView>> ofAlert(UUID alertId) {
        return db.sql("""
                        SELECT d.*, c.name AS channel_name, lower(c.type) AS channel_type, s.address
                        FROM delivery d LEFT JOIN subscription s USING (subscription_id)
                        LEFT JOIN channel c ON c.channel_id = s.channel_id
                        WHERE d.alert_id = $1 ORDER BY d.escalation_level, d.created_at, d.delivery_id""")
                .bind(0, alertId)
                .map(row -> new DeliveryView(row.get("delivery_id", UUID.class), row.get("rule_id", UUID.class),
                        row.get("subscription_id", UUID.class), row.get("channel_name", String.class),
                        row.get("channel_type", String.class), row.get("address", String.class),
                        row.get("action", String.class), row.get("escalation_level", Integer.class),
                        row.get("status", String.class), row.get("attempts", Integer.class),
                        row.get("next_attempt_at", Instant.class), row.get("last_status", Integer.class),
                        row.get("last_error", String.class), row.get("delivered_at", Instant.class), List.of()))
                .all().concatMap(view -> db.sql("SELECT * FROM delivery_attempt WHERE delivery_id = $1 "
                                + "ORDER BY attempt").bind(0, view.deliveryId())
                        .map(row -> new Attempt(row.get("attempt", Integer.class), row.get("at", Instant.class),
                                row.get("outcome", String.class), row.get("status", Integer.class),
                                row.get("detail", String.class))).all().collectList()
                        .map(log -> new DeliveryView(view.deliveryId(), view.ruleId(), view.subscriptionId(),
                                view.channel(), view.channelType(), view.address(), view.action(),
                                view.escalationLevel(), view.status(), view.attempts(), view.nextAttemptAt(),
                                view.lastStatus(), view.lastError(), view.deliveredAt(), log)))
                .collectList();
    }
}
