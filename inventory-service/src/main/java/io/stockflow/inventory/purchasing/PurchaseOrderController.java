package io.stockflow.inventory.purchasing;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.IdempotencyKey;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.InventoryProperties;
import io.stockflow.inventory.OperationTimer;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Purchase orders, their workflow, and receipts. */
@RestController
class PurchaseOrderController {

    private static final Set<String> ACTIONS = Set.of("approve", "send", "close", "cancel");

    private final PurchaseOrders orders;
    private final Receiving receiving;
    private final InventoryProperties properties;
    private final OperationTimer timer;

    PurchaseOrderController(PurchaseOrders orders, Receiving receiving, InventoryProperties properties,
                            OperationTimer timer) {
        this.orders = orders;
        this.receiving = receiving;
        this.properties = properties;
        this.timer = timer;
    }

    /** 201 with the draft; 200 with the same order when the Idempotency-Key was used before for this request. */
    @PostMapping("/api/inventory/purchase-orders")
    Mono<ResponseEntity<PurchaseOrder>> create(
            @Valid @RequestBody NewPurchaseOrder request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key, ServerWebExchange exchange) {
        IdempotencyKey.validated(key);
        return timer.time("purchase_order_create", () -> orders.create(request, key, actor(exchange)))
                .map(created -> created.replayed()
                ? ResponseEntity.ok(created.order())
                : ResponseEntity.created(URI.create("/api/inventory/purchase-orders/"
                + created.order().purchaseOrderId())).body(created.order()));
    }

    @GetMapping("/api/inventory/purchase-orders/{id}")
    Mono<PurchaseOrder> get(@PathVariable UUID id) {
        return orders.get(id).switchIfEmpty(Mono.error(() -> PurchaseOrders.notFound(id)));
    }

    @GetMapping("/api/inventory/purchase-orders")
    Mono<List<PurchaseOrder>> list(@RequestParam(required = false) String status,
                                   @RequestParam(name = "supplier_id", required = false) String supplierId,
                                   @RequestParam(name = "store_id", required = false) String storeId,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        if (status != null) {
            try {
                PurchaseOrderStatus.ofWire(status);
            } catch (IllegalArgumentException unknown) {
                throw new ApiProblemException(Problems.invalidInput("unknown status", List.of(FieldViolation.of(
                        "status", "invalid_value", "one of draft, approved, sent, partially_received, received, "
                                + "closed, cancelled"))));
            }
        }
        if (page < 0 || size < 1 || size > properties.maxPageSize()) {
            throw new ApiProblemException(Problems.invalidInput("invalid page", List.of(FieldViolation.of("size",
                    "out_of_range", "page ≥ 0 and size between 1 and " + properties.maxPageSize()))));
        }
        return orders.list(status, supplierId, storeId, page * size, size).collectList();
    }

    /** approve (PLANNER), send, close or cancel; 409 when the order's status does not allow it. */
    @PostMapping("/api/inventory/purchase-orders/{id}/{action}")
    Mono<PurchaseOrder> transition(@PathVariable UUID id, @PathVariable String action, ServerWebExchange exchange) {
        if (!ACTIONS.contains(action)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "unknown-action", "Unknown action",
                    "purchase orders can be approved, sent, closed or cancelled, not " + action);
        }
        return timer.time("purchase_order_" + action, () -> orders.transition(id, action, actor(exchange)));
    }

    @PostMapping("/api/inventory/receipts")
    Mono<Receiving.Received> receive(@RequestBody Receiving.Receipts request,
                                     @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                     ServerWebExchange exchange) {
        IdempotencyKey.validated(key);
        return timer.time("receipts", () -> receiving.receive(request, key, actor(exchange)));
    }

    private static String actor(ServerWebExchange exchange) {
        return CurrentCaller.of(exchange).map(AuthenticatedPrincipal::subject).orElse(null);
    }
}
