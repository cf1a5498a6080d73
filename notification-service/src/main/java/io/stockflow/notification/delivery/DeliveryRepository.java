package io.stockflow.notification.delivery;

import io.stockflow.notification.channel.DeliveryOutcome;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliveries and their attempts (the delivery log) in PostgreSQL. */
public class DeliveryRepository {

    private final DatabaseClient db;

    public DeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A delivery claimed for an attempt.
     *
     * @param replayedAfter attempts made before an operator sent it again (the retry policy counts after them)
     */
    record Claimed(UUID deliveryId, UUID alertId, UUID subscriptionId, String action, int attempt,
                   int replayedAfter, Instant createdAt) {
    }

    /**
     * Claims up to {@code limit} deliveries due now, and those whose replica died mid-send (lease expired), for
     * one attempt each under a lease; rows another replica is claiming are skipped, not waited for.
     */
    Mono<List<Claimed>> claim(int limit, Duration lease) {
        // Two ordered scans of the partial indexes rather than one OR: a plain index scan skips (and marks) the
        // entries of rows already sent, where a bitmap scan would visit every one of them until the next vacuum.
        return db.sql("""
                        WITH due AS (
                            SELECT delivery_id FROM delivery
                            WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
                        abandoned AS (
                            SELECT delivery_id FROM delivery
                            WHERE status = 'sending' AND lease_until < now()
                            ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED)
                        UPDATE delivery d SET status = 'sending', attempts = d.attempts + 1,
                            lease_until = now() + make_interval(secs => $2)
                        WHERE delivery_id IN (SELECT delivery_id FROM due UNION ALL SELECT delivery_id FROM abandoned)
                        RETURNING delivery_id, alert_id, subscription_id, action, attempts, replayed_after, created_at""")
                .bind(0, limit).bind(1, (double) lease.toSeconds())
                .map(row -> new Claimed(row.get("delivery_id", UUID.class), row.get("alert_id", UUID.class),
                        row.get("subscription_id", UUID.class), row.get("action", String.class),
                        row.get("attempts", Integer.class), row.get("replayed_after", Integer.class),
                        row.get("created_at", Instant.class)))
                .all().collectList();
    }

    /**
     * Logs an attempt and sets the delivery's new state in one statement: one round trip, one commit.
     *
     * @param next when to try again (retrying), else null
     */
    Mono<Void> recordAttempt(UUID deliveryId, int attempt, String outcomeName, String status, Instant next,
                             DeliveryOutcome outcome) {
        var update = db.sql("""
                        WITH logged AS (
                            INSERT INTO delivery_attempt (delivery_id, attempt, outcome, status, detail)
                            VALUES ($1, $6, $7, $4, $8) ON CONFLICT DO NOTHING)
                        UPDATE delivery SET status = $2, next_attempt_at = $3, lease_until = NULL, last_status = $4,
                            last_error = $5, delivered_at = CASE WHEN $2 = 'delivered' THEN now() END
                        WHERE delivery_id = $1""")
                .bind(0, deliveryId).bind(1, status).bind(5, attempt).bind(6, outcomeName);
        update = next == null ? update.bindNull(2, Instant.class) : update.bind(2, next);
        update = outcome.status() == null ? update.bindNull(3, Integer.class) : update.bind(3, outcome.status());
        update = outcome.delivered() || outcome.detail() == null ? update.bindNull(4, String.class)
                : update.bind(4, outcome.detail());
        update = outcome.detail() == null ? update.bindNull(7, String.class) : update.bind(7, outcome.detail());
        return update.then();
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

    /** A delivery the retry policy gave up on: the dead-letter record, with what it was for. */
    public record DeadDelivery(UUID deliveryId, UUID alertId, String alertType, String alertStatus, String storeId,
                               String productId, UUID channelId, String channel, String channelType, String address,
                               String action, int attempts, Integer lastStatus, String lastError,
                               Instant lastAttemptAt, Instant createdAt) {
    }

    /** Which dead deliveries: any filter left null admits all. */
    public record DeadFilter(UUID channelId, Instant from, Instant to, List<UUID> deliveryIds, UUID alertId) {
    }

    /** Where a page of dead deliveries ends: the next page starts after it. */
    public record DeadCursor(Instant createdAt, UUID deliveryId) {
    }

    /** Dead deliveries, newest first, after {@code after} (null: from the newest). */
    public Flux<DeadDelivery> dead(DeadFilter filter, DeadCursor after, int limit) {
        var query = db.sql("""
                        SELECT d.delivery_id, d.alert_id, a.type AS alert_type, a.status AS alert_status, a.store_id,
                               a.product_id, c.channel_id, c.name AS channel_name, lower(c.type) AS channel_type,
                               s.address, d.action, d.attempts, d.last_status, d.last_error, d.created_at,
                               (SELECT max(at) FROM delivery_attempt t WHERE t.delivery_id = d.delivery_id)
                                   AS last_attempt_at
                        FROM delivery d JOIN alert a USING (alert_id)
                        LEFT JOIN subscription s USING (subscription_id)
                        LEFT JOIN channel c ON c.channel_id = s.channel_id
                        WHERE d.status = 'dead' AND %s
                          AND ($6::timestamptz IS NULL OR (d.created_at, d.delivery_id) < ($6, $7::uuid))
                        ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT $8""".formatted(DEAD_FILTER));
        query = bindFilter(query, filter);
        query = after == null ? query.bindNull(5, Instant.class).bindNull(6, UUID.class)
                : query.bind(5, after.createdAt()).bind(6, after.deliveryId());
        return query.bind(7, limit)
                .map(row -> new DeadDelivery(row.get("delivery_id", UUID.class), row.get("alert_id", UUID.class),
                        row.get("alert_type", String.class), row.get("alert_status", String.class),
                        row.get("store_id", String.class), row.get("product_id", String.class),
                        row.get("channel_id", UUID.class), row.get("channel_name", String.class),
                        row.get("channel_type", String.class), row.get("address", String.class),
                        row.get("action", String.class), row.get("attempts", Integer.class),
                        row.get("last_status", Integer.class), row.get("last_error", String.class),
                        row.get("last_attempt_at", Instant.class), row.get("created_at", Instant.class)))
                .all();
    }

    /**
     * Sends dead deliveries again, now, each with the retry policy's attempts anew; those of resolved alerts stay
     * dead (the situation is over).
     *
     * @return the ids of the deliveries sent again
     */
    public Mono<List<UUID>> retryDead(DeadFilter filter) {
        var query = db.sql("""
                        UPDATE delivery d SET status = 'pending', next_attempt_at = now(), lease_until = NULL,
                            replayed_after = d.attempts
                        FROM alert a
                        WHERE a.alert_id = d.alert_id AND d.status = 'dead' AND a.status <> 'resolved' AND %s
                        RETURNING d.delivery_id""".formatted(DEAD_FILTER));
        return bindFilter(query, filter).map(row -> row.get("delivery_id", UUID.class)).all().collectList();
    }

    /** The conditions of {@link DeadFilter} on {@code delivery d} and {@code alert a}, as $1…$5. */
    private static final String DEAD_FILTER = """
            ($1::uuid IS NULL OR d.subscription_id IN (SELECT subscription_id FROM subscription WHERE channel_id = $1))
            AND ($2::timestamptz IS NULL OR d.created_at >= $2) AND ($3::timestamptz IS NULL OR d.created_at < $3)
            AND ($4::text[] IS NULL OR d.delivery_id = ANY($4::text[]::uuid[]))
            AND ($5::uuid IS NULL OR d.alert_id = $5)""";

    private static DatabaseClient.GenericExecuteSpec bindFilter(DatabaseClient.GenericExecuteSpec query,
                                                                DeadFilter filter) {
        query = filter.channelId() == null ? query.bindNull(0, UUID.class) : query.bind(0, filter.channelId());
        query = filter.from() == null ? query.bindNull(1, Instant.class) : query.bind(1, filter.from());
        query = filter.to() == null ? query.bindNull(2, Instant.class) : query.bind(2, filter.to());
        query = filter.deliveryIds() == null ? query.bindNull(3, String[].class)
                : query.bind(3, filter.deliveryIds().stream().map(UUID::toString).toArray(String[]::new));
        return filter.alertId() == null ? query.bindNull(4, UUID.class) : query.bind(4, filter.alertId());
    }
}
