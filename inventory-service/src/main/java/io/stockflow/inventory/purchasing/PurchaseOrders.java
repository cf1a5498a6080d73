package io.stockflow.inventory.purchasing;

import io.r2dbc.spi.Readable;
import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.Sql;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.item.ItemTerms;
import io.stockflow.inventory.item.ResolvedTerms;
import io.stockflow.inventory.ledger.LedgerRepository;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Purchase orders and their workflow. Every transition is one conditional update (the order must be in a status
 * the action starts from), so two planners clicking at once cannot both move it; each is audited with its actor.
 * Sending puts the lines on order at the store; closing takes what was not delivered off again.
 */
public class PurchaseOrders {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final ItemRepository items;
    private final LedgerRepository ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;

    public PurchaseOrders(DatabaseClient db, TransactionalOperator transaction, ItemRepository items,
                          LedgerRepository ledger, AuditTrail audit, Clock clock, ZoneId zone) {
        this.db = db;
        this.transaction = transaction;
        this.items = items;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** The order created, or for a repeated Idempotency-Key the order it created the first time. */
    public record Created(PurchaseOrder order, boolean replayed) {
    }

    /**
     * Creates a draft. Every line's product must be an item of the store; a line without a unit cost takes the
     * item's. An Idempotency-Key already used returns that order, or 422 if the request differs.
     */
    public Mono<Created> create(NewPurchaseOrder request, String idempotencyKey, String actor) {
        Mono<Created> create = items.supplier(request.supplierId())
                .switchIfEmpty(Mono.error(() -> invalid(FieldViolation.of("supplier_id", "unknown_supplier",
                        "no supplier " + request.supplierId()))))
                .flatMap(supplier -> termsOf(request).flatMap(terms -> insert(request, idempotencyKey, actor,
                        supplier.currency(), terms)));
        if (idempotencyKey == null) {
            return transaction.transactional(create);
        }
        return transaction.transactional(byKey(idempotencyKey)
                .map(existing -> {
                    if (!sameRequest(existing, request)) {
                        throw Problems.exception(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                                "Idempotency key reused", "Idempotency-Key " + idempotencyKey
                                        + " created purchase order " + existing.purchaseOrderId()
                                        + " from a different request");
                    }
                    return new Created(existing, true);
                })
                .switchIfEmpty(create));
    }

    private Mono<Map<String, ItemTerms>> termsOf(NewPurchaseOrder request) {
        List<FieldViolation> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < request.lines().size(); row++) {
            if (!seen.add(request.lines().get(row).productId())) {
                errors.add(new FieldViolation(row + 1L, "product_id", "duplicate_line",
                        "product " + request.lines().get(row).productId() + " is on an earlier line"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(invalid(errors));
        }
        List<SeriesKey> keys = request.lines().stream()
                .map(line -> new SeriesKey(request.storeId(), line.productId())).toList();
        return items.resolved(keys).collectMap(terms -> terms.item().productId(), ResolvedTerms::item)
                .map(terms -> {
                    for (int row = 0; row < request.lines().size(); row++) {
                        String product = request.lines().get(row).productId();
                        if (!terms.containsKey(product)) {
                            errors.add(new FieldViolation(row + 1L, "product_id", "unknown_item",
                                    "store " + request.storeId() + " has no item " + product
                                            + " (PUT /api/inventory/items/{store_id}/{product_id} first)"));
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw invalid(errors);
                    }
                    return terms;
                });
    }

    private Mono<Created> insert(NewPurchaseOrder request, String idempotencyKey, String actor, String currency,
                                 Map<String, ItemTerms> terms) {
        UUID id = idempotencyKey == null ? UUID.randomUUID() : DeterministicUuid.of("purchase-order:" + idempotencyKey);
        String origin = request.origin() == null ? "manual" : request.origin();
        DatabaseClient.GenericExecuteSpec order = db.sql("""
                        INSERT INTO purchase_order (purchase_order_id, supplier_id, store_id, status, origin,
                                                    idempotency_key, currency, note, expected_at, created_by)
                        VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9)""")
                .bind(0, id).bind(1, request.supplierId()).bind(2, request.storeId()).bind(3, origin);
        order = Sql.bind(order, 4, idempotencyKey, String.class).bind(5, currency);
        order = Sql.bind(order, 6, request.note(), String.class);
        order = Sql.bind(order, 7, request.expectedAt(), LocalDate.class);
        order = Sql.bind(order, 8, actor, String.class);
        int n = request.lines().size();
        Integer[] numbers = new Integer[n];
        String[] products = new String[n];
        BigDecimal[] quantities = new BigDecimal[n];
        BigDecimal[] costs = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            NewPurchaseOrder.Line line = request.lines().get(i);
            numbers[i] = i + 1;
            products[i] = line.productId();
            quantities[i] = line.quantity();
            costs[i] = line.unitCost() != null ? line.unitCost() : terms.get(line.productId()).unitCost();
        }
        Mono<Void> lines = db.sql("""
                        INSERT INTO purchase_order_line (purchase_order_id, line_number, product_id, quantity,
                                                         unit_cost)
                        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::numeric[])""")
                .bind(0, id).bind(1, numbers).bind(2, products).bind(3, quantities).bind(4, costs).then();
        return order.then().then(lines).then(get(id))
                .flatMap(created -> audit.record(actor, "purchase_order.created", "purchase_order", id.toString(),
                                summary(created))
                        .thenReturn(new Created(created, false)));
    }

    private Mono<PurchaseOrder> byKey(String idempotencyKey) {
        return db.sql("SELECT purchase_order_id FROM purchase_order WHERE idempotency_key = $1")
                .bind(0, idempotencyKey).map(row -> row.get("purchase_order_id", UUID.class)).one()
                .flatMap(this::get);
    }

    private static boolean sameRequest(PurchaseOrder existing, NewPurchaseOrder request) {
        if (!existing.supplierId().equals(request.supplierId()) || !existing.storeId().equals(request.storeId())
                || existing.lines().size() != request.lines().size()) {
            return false;
        }
        for (int i = 0; i < request.lines().size(); i++) {
            PurchaseOrder.Line line = existing.lines().get(i);
            NewPurchaseOrder.Line asked = request.lines().get(i);
            if (!line.productId().equals(asked.productId()) || line.quantity().compareTo(asked.quantity()) != 0
                    || asked.unitCost() != null && line.unitCost().compareTo(asked.unitCost()) != 0) {
                return false;
            }
        }
        return true;
    }

    public Mono<PurchaseOrder> get(UUID id) {
        return db.sql("SELECT * FROM purchase_order WHERE purchase_order_id = $1").bind(0, id)
                .map(PurchaseOrders::order).one()
                .flatMap(order -> lines(id).collectList().map(order::withLines));
    }

    private Flux<PurchaseOrder.Line> lines(UUID id) {
        return db.sql("SELECT * FROM purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_number")
                .bind(0, id)
                .map(row -> new PurchaseOrder.Line(row.get("line_number", Integer.class),
                        row.get("product_id", String.class), row.get("quantity", BigDecimal.class),
                        row.get("received_quantity", BigDecimal.class), row.get("unit_cost", BigDecimal.class)))
                .all();
    }

    public Flux<PurchaseOrder> list(String status, String supplierId, String storeId, int offset, int limit) {
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
        return spec.map(PurchaseOrders::order).all().concatMap(order -> lines(order.purchaseOrderId())
                .collectList().map(order::withLines));
    }

    /**
     * approve, send, close or cancel. 404 for an unknown order; 409 when its status does not allow the action
     * (e.g. approving an order already sent), naming the status it is in.
     */
    public Mono<PurchaseOrder> transition(UUID id, String action, String actor) {
        PurchaseOrderStatus target = PurchaseOrderStatus.after(action);
        String[] allowed = PurchaseOrderStatus.from(action).stream().map(PurchaseOrderStatus::wire)
                .toArray(String[]::new);
        String stamp = switch (action) {
            case "approve" -> "approved";
            case "send" -> "sent";
            default -> "closed";
        };
        Mono<PurchaseOrder> moved = db.sql("UPDATE purchase_order SET status = $2, " + stamp + "_at = now(), "
                        + stamp + "_by = $3, version = version + 1 WHERE purchase_order_id = $1 AND status = ANY($4)"
                        + " RETURNING purchase_order_id")
                .bind(0, id).bind(1, target.wire()).bind(2, actor).bind(3, allowed)
                .map(row -> row.get("purchase_order_id", UUID.class)).one()
                .switchIfEmpty(get(id)
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .flatMap(current -> Mono.error(Problems.exception(HttpStatus.CONFLICT, "invalid-transition",
                                "Not allowed in this status", "purchase order " + id + " is " + current.status()
                                        + "; " + action + " needs it to be one of " + String.join(", ", allowed)))))
                .flatMap(this::get)
                .flatMap(order -> effects(order, action).thenReturn(order))
                .flatMap(order -> audit.record(actor, "purchase_order." + target.wire(), "purchase_order",
                        id.toString(), summary(order)).then(get(id)));
        return transaction.transactional(moved);
    }

    private Mono<Void> effects(PurchaseOrder order, String action) {
        if (action.equals("send")) {
            Mono<Void> expected = order.expectedAt() != null ? Mono.empty() : expectedArrival(order)
                    .flatMap(day -> db.sql("UPDATE purchase_order SET expected_at = $2 WHERE purchase_order_id = $1")
                            .bind(0, order.purchaseOrderId()).bind(1, day).then());
            return Flux.fromIterable(order.lines())
                    .concatMap(line -> ledger.changeOnOrder(order.storeId(), line.productId(), line.quantity()))
                    .then(expected);
        }
        if (action.equals("close")) {
            return Flux.fromIterable(order.lines())
                    .filter(line -> line.outstanding().signum() > 0)
                    .concatMap(line -> ledger.changeOnOrder(order.storeId(), line.productId(),
                            line.outstanding().negate()))
                    .then();
        }
        return Mono.empty();
    }

    /** Sent today plus the longest lead time among its items (learned where known). */
    private Mono<LocalDate> expectedArrival(PurchaseOrder order) {
        List<SeriesKey> keys = order.lines().stream()
                .map(line -> new SeriesKey(order.storeId(), line.productId())).toList();
        return items.resolved(keys).map(ResolvedTerms::leadTimeDays).reduce(Math::max)
                .map(days -> LocalDate.now(clock.withZone(zone)).plusDays((long) Math.ceil(days)));
    }

    /** What open orders still bring to each series, by expected day (null when not yet known). */
    public record OpenReceipt(SeriesKey series, LocalDate expectedAt, BigDecimal quantity) {
    }

    public Flux<OpenReceipt> openReceipts(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT o.store_id, l.product_id, o.expected_at,
                               sum(greatest(l.quantity - l.received_quantity, 0)) AS outstanding
                        FROM purchase_order o JOIN purchase_order_line l USING (purchase_order_id)
                        WHERE o.status IN ('sent', 'partially_received')
                          AND (o.store_id, l.product_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
                        GROUP BY o.store_id, l.product_id, o.expected_at""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(row -> new OpenReceipt(new SeriesKey(row.get("store_id", String.class),
                        row.get("product_id", String.class)), row.get("expected_at", LocalDate.class),
                        row.get("outstanding", BigDecimal.class))).all();
    }

    /** Books a receipt against an open order line: received quantity, on-order, status and the learned lead time. */
    Mono<PurchaseOrder> receive(UUID id, String productId, BigDecimal quantity, Instant receivedAt, String actor) {
        return db.sql("SELECT * FROM purchase_order WHERE purchase_order_id = $1 FOR UPDATE").bind(0, id)
                .map(PurchaseOrders::order).one()
                .flatMap(order -> lines(id).collectList().map(order::withLines))
                .flatMap(order -> {
                    PurchaseOrder.Line line = order.lines().stream()
                            .filter(candidate -> candidate.productId().equals(productId)).findFirst().orElse(null);
                    BigDecimal reduceOnOrder = line.outstanding().min(quantity);
                    boolean first = line.receivedQuantity().signum() == 0;
                    Mono<Void> updateLine = db.sql("""
                                    UPDATE purchase_order_line SET received_quantity = received_quantity + $3,
                                        first_received_at = coalesce(first_received_at, $4)
                                    WHERE purchase_order_id = $1 AND line_number = $2""")
                            .bind(0, id).bind(1, line.lineNumber()).bind(2, quantity).bind(3, receivedAt).then();
                    Mono<Void> observe = !first ? Mono.empty() : db.sql("""
                                    INSERT INTO lead_time_observation (supplier_id, store_id, product_id,
                                        purchase_order_id, sent_at, received_at, days)
                                    VALUES ($1, $2, $3, $4, $5, $6,
                                            greatest(extract(epoch FROM $6::timestamptz - $5::timestamptz) / 86400, 0))
                                    ON CONFLICT DO NOTHING""")
                            .bind(0, order.supplierId()).bind(1, order.storeId()).bind(2, productId).bind(3, id)
                            .bind(4, order.sentAt()).bind(5, receivedAt).then();
                    Mono<Void> status = db.sql("""
                                    UPDATE purchase_order SET version = version + 1, status = CASE
                                        WHEN (SELECT bool_and(received_quantity >= quantity) FROM purchase_order_line
                                              WHERE purchase_order_id = $1) THEN 'received'
                                        ELSE 'partially_received' END
                                    WHERE purchase_order_id = $1""").bind(0, id).then();
                    return updateLine.then(observe).then(status)
                            .then(ledger.changeOnOrder(order.storeId(), productId, reduceOnOrder.negate()))
                            .then(get(id))
                            .flatMap(after -> after.status().equals(order.status()) ? Mono.just(after)
                                    : audit.record(actor, "purchase_order." + after.status(), "purchase_order",
                                    id.toString(), summary(after)).thenReturn(after));
                });
    }

    private static Map<String, Object> summary(PurchaseOrder order) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", order.status());
        details.put("supplier_id", order.supplierId());
        details.put("store_id", order.storeId());
        details.put("origin", order.origin());
        details.put("total", order.total());
        details.put("lines", order.lines().stream().map(line -> Map.of("product_id", line.productId(),
                "quantity", line.quantity(), "received_quantity", line.receivedQuantity())).toList());
        return details;
    }

    static RuntimeException notFound(UUID id) {
        return Problems.exception(HttpStatus.NOT_FOUND, "purchase-order-not-found", "Unknown purchase order",
                "no purchase order " + id);
    }

    private static RuntimeException invalid(FieldViolation violation) {
        return invalid(List.of(violation));
    }

    private static RuntimeException invalid(List<FieldViolation> errors) {
        return new io.stockflow.common.web.ApiProblemException(Problems.invalidInput(
                errors.size() + " invalid field(s)", errors));
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
