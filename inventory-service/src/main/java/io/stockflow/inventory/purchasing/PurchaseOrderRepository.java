package io.stockflow.inventory.purchasing;

import io.r2dbc.spi.Readable;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.inventory.Sql;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Purchase orders, their lines and the lead times observed on receipt, in PostgreSQL. */
class PurchaseOrderRepository {

    private final DatabaseClient db;

    PurchaseOrderRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A draft as stored: its header and its lines, each with the unit cost it was ordered at. */
    record Draft(UUID id, String supplierId, String storeId, String origin, String idempotencyKey, String currency,
                 String note, LocalDate expectedAt, String createdBy, List<DraftLine> lines) {
    }

    record DraftLine(String productId, BigDecimal quantity, BigDecimal unitCost) {
    }

    Mono<Void> insert(Draft draft) {
        DatabaseClient.GenericExecuteSpec order = db.sql("""
                        INSERT INTO purchase_order (purchase_order_id, supplier_id, store_id, status, origin,
                                                    idempotency_key, currency, note, expected_at, created_by)
                        VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9)""")
                .bind(0, draft.id()).bind(1, draft.supplierId()).bind(2, draft.storeId()).bind(3, draft.origin());
        order = Sql.bind(order, 4, draft.idempotencyKey(), String.class).bind(5, draft.currency());
        order = Sql.bind(order, 6, draft.note(), String.class);
        order = Sql.bind(order, 7, draft.expectedAt(), LocalDate.class);
        order = Sql.bind(order, 8, draft.createdBy(), String.class);
        int n = draft.lines().size();
        Integer[] numbers = new Integer[n];
        String[] products = new String[n];
        BigDecimal[] quantities = new BigDecimal[n];
        BigDecimal[] costs = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            DraftLine line = draft.lines().get(i);
            numbers[i] = i + 1;
            products[i] = line.productId();
            quantities[i] = line.quantity();
            costs[i] = line.unitCost();
        }
        Mono<Void> lines = db.sql("""
                        INSERT INTO purchase_order_line (purchase_order_id, line_number, product_id, quantity,
                                                         unit_cost)
                        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::numeric[])""")
                .bind(0, draft.id()).bind(1, numbers).bind(2, products).bind(3, quantities).bind(4, costs).then();
        return order.then().then(lines);
    }

    /** The order an Idempotency-Key created. */
    Mono<UUID> idOfKey(String idempotencyKey) {
        return db.sql("SELECT purchase_order_id FROM purchase_order WHERE idempotency_key = $1")
                .bind(0, idempotencyKey).map(row -> row.get("purchase_order_id", UUID.class)).one();
    }

    Mono<PurchaseOrder> get(UUID id) {
        return withLines(db.sql("SELECT * FROM purchase_order WHERE purchase_order_id = $1").bind(0, id)
                .map(PurchaseOrderRepository::order).one());
    }

    /** The order, locked until the transaction ends: receipts of one order are booked one after the other. */
    Mono<PurchaseOrder> getForUpdate(UUID id) {
        return withLines(db.sql("SELECT * FROM purchase_order WHERE purchase_order_id = $1 FOR UPDATE").bind(0, id)
                .map(PurchaseOrderRepository::order).one());
    }

    private Mono<PurchaseOrder> withLines(Mono<PurchaseOrder> order) {
        return order.flatMap(found -> lines(found.purchaseOrderId()).collectList().map(found::withLines));
    }

    private Flux<PurchaseOrder.Line> lines(UUID id) {
        return db.sql("SELECT * FROM purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_number")
                .bind(0, id)
                .map(row -> new PurchaseOrder.Line(row.get("line_number", Integer.class),
                        row.get("product_id", String.class), row.get("quantity", BigDecimal.class),
                        row.get("received_quantity", BigDecimal.class), row.get("unit_cost", BigDecimal.class)))
                .all();
    }

    /** The newest first; each filter applies only when given. */
    Flux<PurchaseOrder> list(String status, String supplierId, String storeId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM purchase_order WHERE true");
        List<Object> values = new ArrayList<>();
        for (String[] filter : new String[][] {{"status", status}, {"supplier_id", supplierId},
                {"store_id", storeId}}) {
            if (filter[1] != null) {
                values.add(filter[1]);
                sql.append(" AND ").append(filter[0]).append(" = $").append(values.size());
            }
        }
        sql.append(" ORDER BY created_at DESC, purchase_order_id OFFSET ").append(offset).append(" LIMIT ")
                .append(limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(i, values.get(i));
        }
        return spec.map(PurchaseOrderRepository::order).all().concatMap(order -> lines(order.purchaseOrderId())
                .collectList().map(order::withLines));
    }

    /**
     * Moves an order to {@code target} only if it is in one of the {@code allowed} statuses, stamping
     * {@code <stamp>_at} and {@code <stamp>_by}.
     *
     * @return the order's id when it moved, empty when it is unknown or in another status
     */
    Mono<UUID> transition(UUID id, PurchaseOrderStatus target, String stamp, String actor, String[] allowed) {
        return db.sql("UPDATE purchase_order SET status = $2, " + stamp + "_at = now(), "
                        + stamp + "_by = $3, version = version + 1 WHERE purchase_order_id = $1 AND status = ANY($4)"
                        + " RETURNING purchase_order_id")
                .bind(0, id).bind(1, target.wire()).bind(2, actor).bind(3, allowed)
                .map(row -> row.get("purchase_order_id", UUID.class)).one();
    }

    Mono<Void> setExpectedAt(UUID id, LocalDate day) {
        return db.sql("UPDATE purchase_order SET expected_at = $2 WHERE purchase_order_id = $1")
                .bind(0, id).bind(1, day).then();
    }

    /** What open orders still bring to each series, by expected day. */
    Flux<PurchaseOrders.OpenReceipt> openReceipts(Collection<SeriesKey> keys) {
        return db.sql("""
                        SELECT o.store_id, l.product_id, o.expected_at,
                               sum(greatest(l.quantity - l.received_quantity, 0)) AS outstanding
                        FROM purchase_order o JOIN purchase_order_line l USING (purchase_order_id)
                        WHERE o.status IN ('sent', 'partially_received')
                          AND (o.store_id, l.product_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
                        GROUP BY o.store_id, l.product_id, o.expected_at""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(row -> new PurchaseOrders.OpenReceipt(new SeriesKey(row.get("store_id", String.class),
                        row.get("product_id", String.class)), row.get("expected_at", LocalDate.class),
                        row.get("outstanding", BigDecimal.class))).all();
    }

    Mono<Void> addReceived(UUID id, int lineNumber, BigDecimal quantity, Instant receivedAt) {
        return db.sql("""
                        UPDATE purchase_order_line SET received_quantity = received_quantity + $3,
                            first_received_at = coalesce(first_received_at, $4)
                        WHERE purchase_order_id = $1 AND line_number = $2""")
                .bind(0, id).bind(1, lineNumber).bind(2, quantity).bind(3, receivedAt).then();
    }

    /** The lead time of an order's first receipt of a product, from its sending (at most one per line). */
    Mono<Void> observeLeadTime(PurchaseOrder order, String productId, Instant receivedAt) {
        return db.sql("""
                        INSERT INTO lead_time_observation (supplier_id, store_id, product_id,
                            purchase_order_id, sent_at, received_at, days)
                        VALUES ($1, $2, $3, $4, $5, $6,
                                greatest(extract(epoch FROM $6::timestamptz - $5::timestamptz) / 86400, 0))
                        ON CONFLICT DO NOTHING""")
                .bind(0, order.supplierId()).bind(1, order.storeId()).bind(2, productId)
                .bind(3, order.purchaseOrderId()).bind(4, order.sentAt()).bind(5, receivedAt).then();
    }

    /** Received when every line is, else partially received. */
    Mono<Void> updateReceiptStatus(UUID id) {
        return db.sql("""
                        UPDATE purchase_order SET version = version + 1, status = CASE
                            WHEN (SELECT bool_and(received_quantity >= quantity) FROM purchase_order_line
                                  WHERE purchase_order_id = $1) THEN 'received'
                            ELSE 'partially_received' END
                        WHERE purchase_order_id = $1""").bind(0, id).then();
    }

    private static PurchaseOrder order(Readable row) {
        return new PurchaseOrder(row.get("purchase_order_id", UUID.class), row.get("supplier_id", String.class),
                row.get("store_id", String.class), row.get("status", String.class), row.get("origin", String.class),
                row.get("currency", String.class), row.get("note", String.class),
                row.get("expected_at", LocalDate.class), row.get("created_at", Instant.class),
                row.get("created_by", String.class), row.get("approved_at", Instant.class),
                row.get("approved_by", String.class), row.get("sent_at", Instant.class),
                row.get("sent_by", String.class), row.get("closed_at", Instant.class),
                row.get("closed_by", String.class), row.get("version", Integer.class), List.of());
    }
}
