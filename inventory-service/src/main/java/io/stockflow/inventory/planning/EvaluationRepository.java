package io.stockflow.inventory.planning;

import io.stockflow.common.series.SeriesKey;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the position evaluator reads and writes: positions waiting to be re-planned ({@code stock_position}, by the
 * time they changed), their policy parameters, and the state of every alert condition ({@code alert_state}).
 */
class EvaluationRepository {

    private final DatabaseClient db;

    EvaluationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A position that changed since its last evaluation; {@code changedAt} is its version. */
    record Changed(SeriesKey series, Instant changedAt) {
    }

    /** Whether an alert condition is on, and how many times it started (each start is an episode). */
    record AlertState(boolean active, int episode) {
    }

    record AlertStateChange(SeriesKey series, String kind, boolean active, int episode) {
    }

    /** Policy parameters of a position evaluated at version {@code changedAt} (all null without a plan). */
    record Evaluated(SeriesKey series, Instant changedAt, Double reorderPoint, Double orderQuantity,
                     Double safetyStock, Double daysOfCover) {
    }

    /** The positions waiting longest for a look first. */
    Mono<List<Changed>> changed(int limit) {
        return db.sql("""
                        SELECT store_id, product_id, changed_at FROM stock_position WHERE evaluated_at IS NULL
                        ORDER BY changed_at LIMIT $1""").bind(0, limit)
                .map(row -> new Changed(new SeriesKey(row.get("store_id", String.class),
                        row.get("product_id", String.class)), row.get("changed_at", Instant.class)))
                .all().collectList();
    }

    /** @return per series, the state of each alert kind it ever had */
    Mono<Map<SeriesKey, Map<String, AlertState>>> alertStates(Set<SeriesKey> keys) {
        return db.sql("""
                        SELECT store_id, product_id, kind, active, episode FROM alert_state
                        WHERE (store_id, product_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(row -> new AlertStateChange(new SeriesKey(row.get("store_id", String.class),
                        row.get("product_id", String.class)), row.get("kind", String.class),
                        row.get("active", Boolean.class), row.get("episode", Integer.class)))
                .all().collect(HashMap::new, (states, row) -> states
                        .computeIfAbsent(row.series(), k -> new HashMap<>())
                        .put(row.kind(), new AlertState(row.active(), row.episode())));
    }

    Mono<Void> saveAlertStates(List<AlertStateChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO alert_state AS a (store_id, product_id, kind, active, episode)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::int[])
                        ON CONFLICT (store_id, product_id, kind) DO UPDATE SET active = excluded.active,
                            episode = excluded.episode, changed_at = now()""")
                .bind(0, changes.stream().map(c -> c.series().storeId()).toArray(String[]::new))
                .bind(1, changes.stream().map(c -> c.series().productId()).toArray(String[]::new))
                .bind(2, changes.stream().map(AlertStateChange::kind).toArray(String[]::new))
                .bind(3, changes.stream().map(AlertStateChange::active).toArray(Boolean[]::new))
                .bind(4, changes.stream().map(AlertStateChange::episode).toArray(Integer[]::new)).then();
    }

    /** Stores the parameters and marks the positions evaluated, each only if it did not change meanwhile. */
    Mono<Void> markEvaluated(List<Evaluated> positions) {
        return db.sql("""
                        UPDATE stock_position p SET reorder_point = u.reorder_point, order_quantity = u.order_quantity,
                            safety_stock = u.safety_stock, days_of_cover = u.days_of_cover, evaluated_at = now()
                        FROM unnest($1::text[], $2::text[], $3::text[]::timestamptz[], $4::float8[], $5::float8[],
                                    $6::float8[], $7::float8[])
                            AS u(store_id, product_id, changed_at, reorder_point, order_quantity, safety_stock,
                                 days_of_cover)
                        WHERE p.store_id = u.store_id AND p.product_id = u.product_id
                          AND p.changed_at = u.changed_at""")
                .bind(0, positions.stream().map(p -> p.series().storeId()).toArray(String[]::new))
                .bind(1, positions.stream().map(p -> p.series().productId()).toArray(String[]::new))
                .bind(2, positions.stream().map(p -> p.changedAt().toString()).toArray(String[]::new))
                .bind(3, positions.stream().map(Evaluated::reorderPoint).toArray(Double[]::new))
                .bind(4, positions.stream().map(Evaluated::orderQuantity).toArray(Double[]::new))
                .bind(5, positions.stream().map(Evaluated::safetyStock).toArray(Double[]::new))
                .bind(6, positions.stream().map(Evaluated::daysOfCover).toArray(Double[]::new)).then();
    }

    /**
     * Queues stock with no movement since {@code lastMovedBefore} for a look, unless its dead-stock alert is
     * already on: it becomes dead stock without any change that would queue it.
     */
    Mono<Void> requeueUnmoved(Instant lastMovedBefore) {
        return db.sql("""
                        UPDATE stock_position p SET changed_at = now(), evaluated_at = NULL
                        WHERE on_hand > 0 AND last_movement_at < $1 AND evaluated_at IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM alert_state a WHERE a.store_id = p.store_id
                                          AND a.product_id = p.product_id AND a.kind = 'dead_stock' AND a.active)""")
                .bind(0, lastMovedBefore).then();
    }
}
