package io.stockflow.inventory.optimize;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.OperationTimer;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.item.ResolvedTerms;
import io.stockflow.inventory.planning.DemandOutlook;
import io.stockflow.inventory.planning.Planning;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Optimal policies for a set of items under a budget, a warehouse capacity and service floors: each item's demand
 * over its lead time from its latest forecast, its costs and order rules from its terms. The answer recommends;
 * nothing changes until a planner acts on it.
 */
@RestController
class OptimizationController {

    static final int MAX_ITEMS = 20_000;

    private final Planning planning;
    private final AuditTrail audit;
    private final OperationTimer timer;

    OptimizationController(Planning planning, AuditTrail audit, OperationTimer timer) {
        this.planning = planning;
        this.audit = audit;
        this.timer = timer;
    }

    record Request(List<String> productIds, List<String> storeIds, String objective, Constraints constraints) {
    }

    record OptimizedItem(String storeId, String productId, String supplierId, double annualDemand,
                         double leadTimeDays, String demandDistribution, ItemPolicy policy) {
    }

    record Skipped(String storeId, String productId, String reason) {
    }

    record Response(LocalDate asOf, String currency, String objective, List<OptimizedItem> items,
                    OptimizationResult.Totals totals, double budgetShadowPrice, double capacityShadowPrice,
                    Set<ConstraintKind> bindingConstraints, double shortageWeight, List<Skipped> notOptimised) {
    }

    @PostMapping("/api/inventory/optimize")
    Mono<Response> optimize(@RequestBody Request request, ServerWebExchange exchange) {
        return timer.time("optimize", () -> run(request, CurrentCaller.of(exchange)
                .map(AuthenticatedPrincipal::subject).orElse(null)));
    }

    private Mono<Response> run(Request request, String actor) {
        Objective objective;
        Constraints constraints;
        try {
            objective = Objective.parse(request.objective() == null ? "cost" : request.objective());
            constraints = request.constraints() == null ? Constraints.NONE : request.constraints();
        } catch (InvalidInputException invalid) {
            throw invalid(invalid, null);
        }
        return planning.planItems(request.storeIds(), request.productIds(), MAX_ITEMS).flatMap(plans -> {
            if (plans.isEmpty()) {
                throw new ApiProblemException(Problems.invalidInput("no items", List.of(FieldViolation.of(
                        "product_ids", "unknown_item", "no item matches these stores and products"))));
            }
            List<OptimizationItem> optimizable = new ArrayList<>();
            List<OptimizedItem> described = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            Set<String> currencies = new TreeSet<>();
            for (Planning.SeriesPlan plan : plans) {
                if (plan.plan() == null) {
                    skipped.add(new Skipped(plan.series().storeId(), plan.series().productId(),
                            plan.missing().equals("forecast") ? "no forecast yet" : "no item terms"));
                    continue;
                }
                if (plan.plan().annualDemand() <= 0) {
                    skipped.add(new Skipped(plan.series().storeId(), plan.series().productId(),
                            "forecast to sell nothing: no stock to plan"));
                    continue;
                }
                ResolvedTerms terms = plan.terms();
                currencies.add(terms.item().currency());
                var leadTime = new DemandOutlook(planning.today(), plan.forecast().daily(),
                        plan.forecast().leadTimeTotals(), plan.forecast().quantiles())
                        .leadTimeDemand(terms.leadTimeDays(), terms.leadTimeSdDays());
                try {
                    optimizable.add(new OptimizationItem(plan.series().toString(), leadTime,
                            plan.plan().annualDemand(), terms.unitCost(), terms.orderingCost(),
                            terms.holdingCostRate(), terms.item().effectiveShortageCost(),
                            terms.item().unitVolume().doubleValue(), terms.item().minOrderQuantity().doubleValue(),
                            terms.item().packSize().doubleValue(), terms.maxOrder()));
                } catch (InvalidInputException invalid) {
                    skipped.add(new Skipped(plan.series().storeId(), plan.series().productId(),
                            invalid.getMessage()));
                    continue;
                }
                described.add(new OptimizedItem(plan.series().storeId(), plan.series().productId(),
                        terms.item().supplierId(), plan.plan().annualDemand(), terms.leadTimeDays(),
                        leadTime.fromForecastQuantiles() ? "forecast_quantiles" : "normal", null));
            }
            if (currencies.size() > 1 && (constraints.budget() != null)) {
                throw new ApiProblemException(Problems.invalidInput("several currencies", List.of(FieldViolation.of(
                        "constraints.budget", "mixed_currencies", "the items are priced in " + currencies
                                + "; one budget needs one currency — optimise them separately"))));
            }
            if (optimizable.isEmpty()) {
                throw new ApiProblemException(Problems.invalidInput("nothing to optimise", List.of(
                        FieldViolation.of("product_ids", "nothing_to_optimise",
                                "none of the " + plans.size() + " items has both terms and a forecast of demand"))));
            }
            Objective chosen = objective;
            Constraints limits = constraints;
            return Mono.fromCallable(() -> InventoryOptimizer.optimize(optimizable, chosen, limits))
                    .subscribeOn(Schedulers.parallel())
                    .onErrorMap(InvalidInputException.class, invalid -> invalid(invalid, optimizable))
                    .onErrorMap(InfeasibleConstraintsException.class, OptimizationController::infeasible)
                    .flatMap(result -> {
                        List<OptimizedItem> answered = new ArrayList<>(described.size());
                        for (int i = 0; i < described.size(); i++) {
                            OptimizedItem item = described.get(i);
                            answered.add(new OptimizedItem(item.storeId(), item.productId(), item.supplierId(),
                                    item.annualDemand(), item.leadTimeDays(), item.demandDistribution(),
                                    result.items().get(i)));
                        }
                        Response response = new Response(planning.today(),
                                currencies.size() == 1 ? currencies.iterator().next() : null, result.objective().name()
                                .toLowerCase(java.util.Locale.ROOT), answered, result.totals(),
                                result.budgetShadowPrice(), result.capacityShadowPrice(),
                                result.bindingConstraints(), result.shortageWeight(), skipped);
                        return audit.record(actor, "optimization.computed", "optimization",
                                planning.today().toString(), decision(request, result)).thenReturn(response);
                    });
        });
    }

    private static Map<String, Object> decision(Request request, OptimizationResult result) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("objective", result.objective().name().toLowerCase(java.util.Locale.ROOT));
        decision.put("constraints", request.constraints());
        decision.put("items", result.items().size());
        decision.put("total_cost", result.totals().totalCost());
        decision.put("fill_rate", result.totals().fillRate());
        decision.put("average_inventory_value", result.totals().averageInventoryValue());
        decision.put("budget_shadow_price", result.budgetShadowPrice());
        decision.put("capacity_shadow_price", result.capacityShadowPrice());
        decision.put("binding_constraints", result.bindingConstraints());
        return decision;
    }

    private static ApiProblemException invalid(InvalidInputException invalid, List<OptimizationItem> items) {
        Long row = null;
        if (invalid.itemId() != null && items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id().equals(invalid.itemId())) {
                    row = i + 1L;
                }
            }
        }
        return new ApiProblemException(Problems.invalidInput(invalid.getMessage(), List.of(new FieldViolation(row,
                invalid.field(), "invalid_value", invalid.getMessage()))));
    }

    /** 422 that says which limit falls short, the least it must be, and the items that need most of it. */
    private static ApiProblemException infeasible(InfeasibleConstraintsException infeasible) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "infeasible-constraints",
                "Constraints cannot all be met", infeasible.getMessage());
        problem.setProperty("resource", infeasible.resource().field());
        problem.setProperty("limit", infeasible.limit());
        problem.setProperty("minimum_required", infeasible.minimumRequired());
        problem.setProperty("constraints", infeasible.constraints().stream().map(ConstraintKind::field).toList());
        problem.setProperty("largest_needs", infeasible.largestNeeds().stream()
                .map(need -> Map.of("item", need.itemId(), "minimum", need.minimum())).toList());
        return new ApiProblemException(problem);
    }
}
