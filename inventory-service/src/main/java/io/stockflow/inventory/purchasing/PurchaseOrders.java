package io.stockflow.inventory.purchasing;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.item.ItemTerms;
import io.stockflow.inventory.item.ResolvedTerms;
import io.stockflow.inventory.ledger.LedgerRepository;
import org.springframework.http.HttpStatus;
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

    private final PurchaseOrderRepository repository;
    private final TransactionalOperator transaction;
    private final ItemRepository items;
    private final LedgerRepository ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;

    PurchaseOrders(PurchaseOrderRepository repository, TransactionalOperator transaction, ItemRepository items,
                          LedgerRepository ledger, AuditTrail audit, Clock clock, ZoneId zone) {
        this.repository = repository;
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
        List<PurchaseOrderRepository.DraftLine> lines = request.lines().stream()
                .map(line -> new PurchaseOrderRepository.DraftLine(line.productId(), line.quantity(),
                        line.unitCost() != null ? line.unitCost() : terms.get(line.productId()).unitCost()))
                .toList();
        PurchaseOrderRepository.Draft draft = new PurchaseOrderRepository.Draft(id, request.supplierId(),
                request.storeId(), origin, idempotencyKey, currency, request.note(), request.expectedAt(), actor,
                lines);
        return repository.insert(draft).then(get(id))
                .flatMap(created -> audit.record(actor, "purchase_order.created", "purchase_order", id.toString(),
                                summary(created))
                        .thenReturn(new Created(created, false)));
    }

    private Mono<PurchaseOrder> byKey(String idempotencyKey) {
        return repository.idOfKey(idempotencyKey).flatMap(this::get);
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
        return repository.get(id);
    }

    public Flux<PurchaseOrder> list(String status, String supplierId, String storeId, int offset, int limit) {
        return repository.list(status, supplierId, storeId, offset, limit);
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
        Mono<PurchaseOrder> moved = repository.transition(id, target, stamp, actor, allowed)
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
                    .flatMap(day -> repository.setExpectedAt(order.purchaseOrderId(), day));
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
        return repository.openReceipts(keys);
    }

    /** Books a receipt against an open order line: received quantity, on-order, status and the learned lead time. */
    Mono<PurchaseOrder> receive(UUID id, String productId, BigDecimal quantity, Instant receivedAt, String actor) {
        return repository.getForUpdate(id)
                .flatMap(order -> {
                    PurchaseOrder.Line line = order.lines().stream()
                            .filter(candidate -> candidate.productId().equals(productId)).findFirst().orElse(null);
                    BigDecimal reduceOnOrder = line.outstanding().min(quantity);
                    boolean first = line.receivedQuantity().signum() == 0;
                    Mono<Void> updateLine = repository.addReceived(id, line.lineNumber(), quantity, receivedAt);
                    Mono<Void> observe = first ? repository.observeLeadTime(order, productId, receivedAt)
                            : Mono.empty();
                    Mono<Void> status = repository.updateReceiptStatus(id);
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
}
