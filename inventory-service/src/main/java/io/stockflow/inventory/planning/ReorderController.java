package io.stockflow.inventory.planning;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.security.Role;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.OperationTimer;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.purchasing.NewPurchaseOrder;
import io.stockflow.inventory.purchasing.PurchaseOrder;
import io.stockflow.inventory.purchasing.PurchaseOrders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to order now, with the numbers behind each line; optionally as draft purchase orders. */
@RestController
class ReorderController {

    static final int MAX_ITEMS = 5000;
    private static final List<String> URGENCY = List.of("critical", "high", "normal", "none");

    private final Planning planning;
    private final PurchaseOrders orders;
    private final AuditTrail audit;
    private final OperationTimer timer;

    ReorderController(Planning planning, PurchaseOrders orders, AuditTrail audit, OperationTimer timer) {
        this.planning = planning;
        this.orders = orders;
        this.audit = audit;
        this.timer = timer;
    }

    /**
     * @param includeAll   also items that need no order now (urgency {@code none})
     * @param createDrafts group the lines into one draft purchase order per supplier and store (PLANNER); the
     *                     same lines on the same day give the same draft back
     */
    record Request(List<String> storeIds, List<String> productIds, Boolean includeAll, Boolean createDrafts) {
    }

    record Recommendation(String storeId, String productId, String supplierId, double quantity, String urgency,
                          Double daysOfCover, LocalDate projectedStockoutDate, Map<String, Object> numbers) {
    }

    record NotPlanned(String storeId, String productId, String missing) {
    }

    record Response(LocalDate asOf, List<Recommendation> recommendations, List<NotPlanned> notPlanned,
                    List<PurchaseOrder> purchaseOrders) {
    }

    @PostMapping("/api/inventory/reorder/recommendations")
    Mono<Response> recommend(@RequestBody(required = false) Request body, ServerWebExchange exchange) {
        return timer.time("reorder_recommendations", () -> recommendations(body, exchange));
    }

    private Mono<Response> recommendations(Request body, ServerWebExchange exchange) {
        Request request = body == null ? new Request(null, null, null, null) : body;
        AuthenticatedPrincipal caller = CurrentCaller.required(exchange);
        boolean drafts = Boolean.TRUE.equals(request.createDrafts());
        if (drafts && !caller.hasAnyRole(Role.PLANNER, Role.ADMIN)) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "creating purchase orders (create_drafts) needs the PLANNER role");
        }
        return planning.planItems(request.storeIds(), request.productIds(), MAX_ITEMS).flatMap(plans -> {
            List<Recommendation> lines = plans.stream().filter(plan -> plan.plan() != null)
                    .filter(plan -> plan.plan().orderNow() || Boolean.TRUE.equals(request.includeAll()))
                    .map(plan -> new Recommendation(plan.series().storeId(), plan.series().productId(),
                            plan.terms().item().supplierId(), plan.plan().recommendedQuantity(), plan.plan().urgency(),
                            plan.plan().daysOfCover(), plan.plan().projectedStockoutDate(), ReorderExplanation.of(plan)))
                    .sorted(Comparator.comparing((Recommendation r) -> URGENCY.indexOf(r.urgency()))
                            .thenComparing(r -> r.projectedStockoutDate() == null ? LocalDate.MAX
                                    : r.projectedStockoutDate())
                            .thenComparing(Recommendation::storeId).thenComparing(Recommendation::productId))
                    .toList();
            List<NotPlanned> notPlanned = plans.stream().filter(plan -> plan.plan() == null)
                    .map(plan -> new NotPlanned(plan.series().storeId(), plan.series().productId(), plan.missing()))
                    .toList();
            LocalDate today = planning.today();
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("items_planned", plans.size() - notPlanned.size());
            decision.put("lines", lines.stream().filter(line -> line.quantity() > 0)
                    .map(line -> Map.of("item", line.storeId() + "|" + line.productId(), "quantity", line.quantity(),
                            "urgency", line.urgency())).toList());
            decision.put("create_drafts", drafts);
            Mono<List<PurchaseOrder>> created = drafts ? drafts(lines, today, caller.subject()) : Mono.just(List.of());
            return created.flatMap(purchaseOrders -> audit.record(caller.subject(), "reorder.recommendations",
                            "recommendation", today.toString(), decision)
                    .thenReturn(new Response(today, lines, notPlanned, purchaseOrders)));
        });
    }

    private Mono<List<PurchaseOrder>> drafts(List<Recommendation> lines, LocalDate today, String actor) {
        Map<SeriesKey, List<Recommendation>> bySupplierAndStore = new LinkedHashMap<>();
        lines.stream().filter(line -> line.quantity() > 0).forEach(line -> bySupplierAndStore
                .computeIfAbsent(new SeriesKey(line.storeId(), line.supplierId()), k -> new java.util.ArrayList<>())
                .add(line));
        return Flux.fromIterable(bySupplierAndStore.entrySet()).concatMap(group -> {
            String store = group.getKey().storeId();
            String supplier = group.getKey().productId();
            NewPurchaseOrder order = new NewPurchaseOrder(supplier, store, group.getValue().stream()
                    .map(line -> new NewPurchaseOrder.Line(line.productId(), BigDecimal.valueOf(line.quantity()), null))
                    .toList(), "recommended on " + today, null, "reorder_recommendation");
            // The same lines on the same day are the same draft (a retried request); changed lines are a new one.
            String content = order.lines().stream().map(line -> line.productId() + "=" + line.quantity().toPlainString())
                    .collect(java.util.stream.Collectors.joining(","));
            return orders.create(order, "reorder:" + supplier + ":" + store + ":" + today + ":"
                            + DeterministicUuid.of(content), actor)
                    .map(PurchaseOrders.Created::order);
        }).collectList();
    }
}
