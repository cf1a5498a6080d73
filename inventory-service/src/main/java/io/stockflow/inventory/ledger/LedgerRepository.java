package io.stockflow.inventory.ledger;

import io.r2dbc.spi.Readable;
import io.stockflow.common.series.SeriesKey;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The stock ledger in PostgreSQL. A batch of movements is one statement: the movement ids not seen before are
 * inserted into {@code stock_movement} and only those change {@code stock_position}, so a redelivered batch, a
 * retried request or one movement twice in a batch never moves stock twice. Positions are locked in key order,
 * so concurrent batches cannot deadlock. A changed position is marked for re-planning.
 */
public class LedgerRepository {

    private static final String POSITION_COLUMNS = """
            store_id, product_id, on_hand, on_order, allocated, on_hand + on_order - allocated AS available,
            last_movement_at, last_sale_at, reorder_point, order_quantity, safety_stock, days_of_cover,
            evaluated_at""";

    private final DatabaseClient db;

    public LedgerRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @return how many of the movements were new */
    public Mono<Long> record(List<Movement> movements) {
        if (movements.isEmpty()) {
            return Mono.just(0L);
        }
        int n = movements.size();
        String[] ids = new String[n];
        String[] stores = new String[n];
        String[] products = new String[n];
        String[] kinds = new String[n];
        BigDecimal[] quantities = new BigDecimal[n];
        String[] occurred = new String[n];
        String[] references = new String[n];
        String[] reasons = new String[n];
        String[] actors = new String[n];
        for (int i = 0; i < n; i++) {
            Movement movement = movements.get(i);
            ids[i] = movement.movementId().toString();
            stores[i] = movement.storeId();
            products[i] = movement.productId();
            kinds[i] = movement.kind().wire();
            quantities[i] = movement.quantity();
            occurred[i] = movement.occurredAt().toString();
            references[i] = movement.reference();
            reasons[i] = movement.reason();
            actors[i] = movement.recordedBy();
        }
        return db.sql("""
                        WITH incoming AS (
                            SELECT DISTINCT ON (movement_id) *
                            FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[],
                                        $6::text[]::timestamptz[], $7::text[], $8::text[], $9::text[])
                                AS t(movement_id, store_id, product_id, kind, quantity, occurred_at, reference,
                                     reason, recorded_by)),
                        fresh AS (
                            INSERT INTO stock_movement (movement_id, store_id, product_id, kind, quantity,
                                                        occurred_at, reference, reason, recorded_by)
                            SELECT * FROM incoming ON CONFLICT (movement_id) DO NOTHING
                            RETURNING store_id, product_id, kind, quantity, occurred_at),
                        positions AS (
                            INSERT INTO stock_position AS p (store_id, product_id, on_hand, allocated,
                                                             last_movement_at, last_sale_at)
                            SELECT store_id, product_id,
                                   coalesce(sum(quantity) FILTER (WHERE kind <> 'allocation'), 0),
                                   coalesce(sum(quantity) FILTER (WHERE kind = 'allocation'), 0),
                                   max(occurred_at) FILTER (WHERE kind <> 'allocation'),
                                   max(occurred_at) FILTER (WHERE kind = 'sale')
                            FROM fresh GROUP BY store_id, product_id ORDER BY store_id, product_id
                            ON CONFLICT (store_id, product_id) DO UPDATE SET
                                on_hand = p.on_hand + excluded.on_hand,
                                allocated = greatest(p.allocated + excluded.allocated, 0),
                                last_movement_at = greatest(p.last_movement_at, excluded.last_movement_at),
                                last_sale_at = greatest(p.last_sale_at, excluded.last_sale_at),
                                changed_at = now(), evaluated_at = NULL
                            RETURNING 1)
                        SELECT count(*) AS fresh FROM fresh""")
                .bind(0, ids).bind(1, stores).bind(2, products).bind(3, kinds).bind(4, quantities)
                .bind(5, occurred).bind(6, references).bind(7, reasons).bind(8, actors)
                .map(row -> row.get("fresh", Long.class)).one();
    }

    /** Changes what is on order (a sent purchase order: +, a receipt or a closed order: −). */
    public Mono<Void> changeOnOrder(String storeId, String productId, BigDecimal delta) {
        return db.sql("""
                        INSERT INTO stock_position AS p (store_id, product_id, on_order) VALUES ($1, $2, $3)
                        ON CONFLICT (store_id, product_id) DO UPDATE SET on_order = greatest(p.on_order + $3, 0),
                            changed_at = now(), evaluated_at = NULL""")
                .bind(0, storeId).bind(1, productId).bind(2, delta).then();
    }

    /** Marks positions for re-planning (new terms, a new forecast), creating empty ones where none exist. */
    public Mono<Void> touch(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO stock_position AS p (store_id, product_id)
                        SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2
                        ON CONFLICT (store_id, product_id) DO UPDATE SET changed_at = now(), evaluated_at = NULL""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new)).then();
    }

    public Mono<StockPosition> position(String storeId, String productId) {
        return db.sql("SELECT " + POSITION_COLUMNS + " FROM stock_position WHERE store_id = $1 AND product_id = $2")
                .bind(0, storeId).bind(1, productId).map(LedgerRepository::position).one();
    }

    public Flux<StockPosition> positions(Collection<SeriesKey> keys) {
        return db.sql("SELECT " + POSITION_COLUMNS + " FROM stock_position WHERE (store_id, product_id) IN ("
                        + "SELECT * FROM unnest($1::text[], $2::text[]))")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(LedgerRepository::position).all();
    }

    /** One page of positions and the number of positions matching the filters. */
    public Mono<PositionPage> positions(PositionQuery query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> values = new ArrayList<>();
        if (query.storeIds() != null && !query.storeIds().isEmpty()) {
            values.add(query.storeIds().toArray(String[]::new));
            where.append(" AND store_id = ANY($").append(values.size()).append(')');
        }
        if (query.productIds() != null && !query.productIds().isEmpty()) {
            values.add(query.productIds().toArray(String[]::new));
            where.append(" AND product_id = ANY($").append(values.size()).append(')');
        }
        if (Boolean.TRUE.equals(query.belowReorderPoint())) {
            where.append(" AND on_hand + on_order - allocated <= reorder_point");
        }
        if (Boolean.TRUE.equals(query.negativeOnly())) {
            where.append(" AND on_hand < 0");
        }
        String[] sort = query.sort().split(",");
        String order = sort[0] + (sort.length > 1 && sort[1].toLowerCase(Locale.ROOT).equals("desc")
                ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", store_id, product_id";
        DatabaseClient.GenericExecuteSpec page = db.sql("SELECT * FROM (SELECT " + POSITION_COLUMNS
                + " FROM stock_position" + where + ") p ORDER BY " + order + " OFFSET "
                + (long) query.page() * query.size() + " LIMIT " + query.size());
        DatabaseClient.GenericExecuteSpec count = db.sql("SELECT count(*) AS total FROM stock_position" + where);
        for (int i = 0; i < values.size(); i++) {
            page = page.bind(i, values.get(i));
            count = count.bind(i, values.get(i));
        }
        return Mono.zip(page.map(LedgerRepository::position).all().collectList(),
                count.map(row -> row.get("total", Long.class)).one())
                .map(both -> new PositionPage(both.getT1(), query.page(), query.size(), both.getT2()));
    }

    /** Movements of one series in a time range, newest first. */
    public Flux<Movement> movements(String storeId, String productId, Instant from, Instant to, int limit) {
        return db.sql("""
                        SELECT * FROM stock_movement WHERE store_id = $1 AND product_id = $2
                          AND occurred_at >= $3 AND occurred_at < $4
                        ORDER BY occurred_at DESC, movement_id LIMIT $5""")
                .bind(0, storeId).bind(1, productId).bind(2, from).bind(3, to).bind(4, limit)
                .map(row -> new Movement(row.get("movement_id", java.util.UUID.class),
                        row.get("store_id", String.class), row.get("product_id", String.class),
                        MovementKind.valueOf(row.get("kind", String.class).toUpperCase(Locale.ROOT)),
                        row.get("quantity", BigDecimal.class), row.get("occurred_at", Instant.class),
                        row.get("reference", String.class), row.get("reason", String.class),
                        row.get("recorded_by", String.class))).all();
    }

    static StockPosition position(Readable row) {
        return new StockPosition(row.get("store_id", String.class), row.get("product_id", String.class),
                row.get("on_hand", BigDecimal.class), row.get("on_order", BigDecimal.class),
                row.get("allocated", BigDecimal.class), row.get("available", BigDecimal.class),
                row.get("last_movement_at", Instant.class), row.get("last_sale_at", Instant.class),
                row.get("reorder_point", BigDecimal.class), row.get("order_quantity", BigDecimal.class),
                row.get("safety_stock", BigDecimal.class), row.get("days_of_cover", BigDecimal.class),
                row.get("evaluated_at", Instant.class));
    }
}
