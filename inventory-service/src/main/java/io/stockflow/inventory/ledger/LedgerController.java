package io.stockflow.inventory.ledger;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.IdempotencyKey;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.InventoryProperties;
import io.stockflow.inventory.OperationTimer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stock positions and movements. */
@RestController
class LedgerController {

    private final LedgerRepository ledger;
    private final StockMovements movements;
    private final InventoryProperties properties;
    private final OperationTimer timer;

    LedgerController(LedgerRepository ledger, StockMovements movements, InventoryProperties properties,
                     OperationTimer timer) {
        this.ledger = ledger;
        this.movements = movements;
        this.properties = properties;
        this.timer = timer;
    }

    /**
     * Positions, filtered by stores and products (repeat the parameter or separate by commas), only those at or
     * below their reorder point, or only negative ones; sorted by any column, paged.
     */
    @GetMapping("/api/inventory/current")
    Mono<PositionPage> current(@RequestParam(name = "store_id", required = false) List<String> stores,
                               @RequestParam(name = "product_id", required = false) List<String> products,
                               @RequestParam(name = "below_reorder_point", required = false) Boolean below,
                               @RequestParam(name = "negative", required = false) Boolean negative,
                               @RequestParam(defaultValue = "store_id,asc") String sort,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        List<FieldViolation> errors = new ArrayList<>();
        String[] parts = sort.split(",");
        if (!PositionQuery.SORTABLE.contains(parts[0]) || parts.length > 2
                || parts.length == 2 && !parts[1].equals("asc") && !parts[1].equals("desc")) {
            errors.add(FieldViolation.of("sort", "invalid_value", "one of " + PositionQuery.SORTABLE
                    + ", optionally followed by ,asc or ,desc"));
        }
        if (page < 0) {
            errors.add(FieldViolation.of("page", "out_of_range", "must not be negative"));
        }
        if (size < 1 || size > properties.maxPageSize()) {
            errors.add(FieldViolation.of("size", "out_of_range", "must be between 1 and " + properties.maxPageSize()));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid query", errors));
        }
        return ledger.positions(new PositionQuery(stores, products, below, negative, sort, page, size));
    }

    @GetMapping("/api/inventory/current/{storeId}/{productId}")
    Mono<StockPosition> position(@PathVariable String storeId, @PathVariable String productId) {
        return ledger.position(storeId, productId).switchIfEmpty(Mono.error(() -> Problems.exception(
                HttpStatus.NOT_FOUND, "position-not-found", "No stock position",
                "store " + storeId + " has no stock record of " + productId)));
    }

    /** Movements of one series, newest first; {@code from}/{@code to} default to the last 30 days. */
    @GetMapping("/api/inventory/movements/{storeId}/{productId}")
    Mono<List<Movement>> movements(@PathVariable String storeId, @PathVariable String productId,
                                   @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > properties.maxPageSize()) {
            throw new ApiProblemException(Problems.invalidInput("invalid limit", List.of(FieldViolation.of("limit",
                    "out_of_range", "must be between 1 and " + properties.maxPageSize()))));
        }
        Instant until = to != null ? to : Instant.now().plusSeconds(1);
        return ledger.movements(storeId, productId, from != null ? from : until.minus(Duration.ofDays(30)), until,
                limit).collectList();
    }

    @PostMapping("/api/inventory/adjustments")
    Mono<MovementRequests.Booked> adjust(@RequestBody MovementRequests.Adjustments request,
                                         @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                         ServerWebExchange exchange) {
        IdempotencyKey.validated(key);
        return timer.time("adjustments", () -> movements.adjust(request, key, actor(exchange)));
    }

    @PostMapping("/api/inventory/transfers")
    Mono<MovementRequests.Booked> transfer(@RequestBody MovementRequests.Transfers request,
                                           @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                           ServerWebExchange exchange) {
        IdempotencyKey.validated(key);
        return timer.time("transfers", () -> movements.transfer(request, key, actor(exchange)));
    }

    @PostMapping("/api/inventory/allocations")
    Mono<MovementRequests.Booked> allocate(@RequestBody MovementRequests.Allocations request,
                                           @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                           ServerWebExchange exchange) {
        IdempotencyKey.validated(key);
        return timer.time("allocations", () -> movements.allocate(request, key, actor(exchange)));
    }

    static String actor(ServerWebExchange exchange) {
        return CurrentCaller.of(exchange).map(AuthenticatedPrincipal::subject).orElse(null);
    }
}
