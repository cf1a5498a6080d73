package io.stockflow.inventory.item;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.InventoryProperties;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.ledger.LedgerRepository;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Suppliers and item terms. Every change is audited with the terms before and after, and re-plans the items it
 * touches.
 */
@RestController
class ItemController {

    private final ItemRepository items;
    private final LedgerRepository ledger;
    private final AuditTrail audit;
    private final TransactionalOperator transaction;
    private final InventoryProperties properties;

    ItemController(ItemRepository items, LedgerRepository ledger, AuditTrail audit,
                   ReactiveTransactionManager transactions, InventoryProperties properties) {
        this.items = items;
        this.ledger = ledger;
        this.audit = audit;
        this.transaction = TransactionalOperator.create(transactions);
        this.properties = properties;
    }

    @PutMapping("/api/inventory/suppliers/{supplierId}")
    Mono<Supplier> putSupplier(@PathVariable String supplierId, @Valid @RequestBody Supplier body,
                               ServerWebExchange exchange) {
        requireId("supplier_id", supplierId);
        Supplier supplier = body.withId(supplierId);
        String actor = actor(exchange);
        return transaction.transactional(items.supplier(supplierId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(before -> items.saveSupplier(supplier, actor)
                        .then(audit.record(actor, before.isPresent() ? "supplier.changed" : "supplier.created",
                                "supplier", supplierId, change(before.orElse(null), supplier))))
                .then(items.supplier(supplierId)));
    }

    @GetMapping("/api/inventory/suppliers")
    Mono<List<Supplier>> suppliers() {
        return items.suppliers().collectList();
    }

    /** A supplier with the lead times its receipts taught, per store. */
    @GetMapping("/api/inventory/suppliers/{supplierId}")
    Mono<Map<String, Object>> supplier(@PathVariable String supplierId) {
        return items.supplier(supplierId)
                .switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND, "supplier-not-found",
                        "Unknown supplier", "no supplier " + supplierId)))
                .zipWith(items.learnedLeadTimes(supplierId).collectList())
                .map(both -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("supplier", both.getT1());
                    view.put("learned_lead_times", both.getT2());
                    view.put("min_observations", properties.minLeadTimeObservations());
                    return view;
                });
    }

    @PutMapping("/api/inventory/items/{storeId}/{productId}")
    Mono<ResolvedTerms> putItem(@PathVariable String storeId, @PathVariable String productId,
                                @Valid @RequestBody ItemTerms body, ServerWebExchange exchange) {
        requireId("store_id", storeId);
        requireId("product_id", productId);
        ItemTerms item = body.normalised(storeId, productId);
        List<FieldViolation> errors = new ArrayList<>();
        if (item.maxOrderQuantity() != null && item.maxOrderQuantity().compareTo(item.minOrderQuantity()) < 0) {
            errors.add(FieldViolation.of("max_order_quantity", "invalid_value",
                    "must not be below min_order_quantity"));
        }
        if (item.maxOrderQuantity() != null && item.maxOrderQuantity().compareTo(item.packSize()) < 0) {
            errors.add(FieldViolation.of("max_order_quantity", "invalid_value", "must hold at least one pack"));
        }
        if (item.leadTimeSdDays() != null && item.leadTimeDays() == null) {
            errors.add(FieldViolation.of("lead_time_sd_days", "invalid_value",
                    "give lead_time_days with it, or leave both to the supplier"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s)", errors));
        }
        String actor = actor(exchange);
        SeriesKey key = new SeriesKey(storeId, productId);
        return transaction.transactional(items.supplier(item.supplierId())
                .switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.invalidInput("unknown supplier",
                        List.of(FieldViolation.of("supplier_id", "unknown_supplier",
                                "no supplier " + item.supplierId() + " (PUT /api/inventory/suppliers/{id} first)"))))))
                .then(items.item(storeId, productId).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(before -> items.saveItem(item, actor)
                        .then(audit.record(actor, before.isPresent() ? "item.terms_changed" : "item.created",
                                "item", key.toString(), change(before.orElse(null), item))))
                .then(ledger.touch(List.of(key)))
                .then(items.resolved(List.of(key)).next()));
    }

    @GetMapping("/api/inventory/items/{storeId}/{productId}")
    Mono<ResolvedTerms> item(@PathVariable String storeId, @PathVariable String productId) {
        return items.resolved(List.of(new SeriesKey(storeId, productId))).next()
                .switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND, "item-not-found",
                        "Unknown item", "store " + storeId + " has no item " + productId)));
    }

    @GetMapping("/api/inventory/items")
    Mono<List<ItemTerms>> items(@RequestParam(name = "store_id", required = false) String storeId,
                                @RequestParam(name = "product_id", required = false) String productId,
                                @RequestParam(name = "supplier_id", required = false) String supplierId,
                                @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > properties.maxPageSize()) {
            throw new ApiProblemException(Problems.invalidInput("invalid page", List.of(FieldViolation.of("size",
                    "out_of_range", "page ≥ 0 and size between 1 and " + properties.maxPageSize()))));
        }
        return items.items(storeId, productId, supplierId, page * size, size).collectList();
    }

    private static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static void requireId(String field, String value) {
        if (value.length() > 64 || !value.matches(PosTransaction.ID_PATTERN)) {
            throw new ApiProblemException(Problems.invalidInput("invalid id", List.of(FieldViolation.of(field,
                    "invalid_value", "at most 64 letters, digits, '.', '_', ':' or '-'"))));
        }
    }

    private static String actor(ServerWebExchange exchange) {
        return CurrentCaller.of(exchange).map(AuthenticatedPrincipal::subject).orElse(null);
    }
}
