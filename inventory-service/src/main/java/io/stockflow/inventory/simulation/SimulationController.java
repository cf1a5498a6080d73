package io.stockflow.inventory.simulation;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.OperationTimer;
import io.stockflow.inventory.planning.Planning;
import io.stockflow.inventory.policy.StandardNormal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What-if simulation of stocked items under a scenario: each item's demand model comes from its latest forecast
 * (rate, day-to-day dispersion, weekday pattern), its costs and lead time from its terms, its starting stock from
 * the ledger. The simulation runs off the request threads.
 */
@RestController
class SimulationController {

    static final int MAX_ITEMS = 100;
    static final int MAX_REPLICATIONS = 50;
    private static final double Z90 = StandardNormal.inverse(0.9);

    private final Planning planning;
    private final OperationTimer timer;

    SimulationController(Planning planning, OperationTimer timer) {
        this.planning = planning;
        this.timer = timer;
    }

    record ItemRef(String storeId, String productId) {
    }

    /**
     * @param startFromCurrentStock true (default): day 1 is today with today's stock on hand; false: every policy
     *                              starts from its own steady state after a 90-day warm-up
     * @param policies              optimised, naive, min_max, q_learning, textbook_rq (default: the first four)
     */
    record Request(List<ItemRef> items, Integer days, Long seed, Integer replications, Double targetFillRate,
                   Boolean startFromCurrentStock, Scenario scenario, List<String> policies, Double minMaxMinDays,
                   Double minMaxMaxDays) {
    }

    record Response(LocalDate startDay, List<String> items, SimulationResult result) {
    }

    @PostMapping("/api/inventory/simulate")
    Mono<Response> simulate(@RequestBody Request request) {
        return timer.time("simulate", () -> run(request));
    }

    private Mono<Response> run(Request request) {
        List<FieldViolation> errors = new ArrayList<>();
        if (request.items() == null || request.items().isEmpty() || request.items().size() > MAX_ITEMS) {
            errors.add(FieldViolation.of("items", "invalid_value", "1 to " + MAX_ITEMS + " items"));
        }
        if (request.replications() != null && (request.replications() < 1
                || request.replications() > MAX_REPLICATIONS)) {
            errors.add(FieldViolation.of("replications", "out_of_range", "1 to " + MAX_REPLICATIONS));
        }
        List<PolicyKind> policies = new ArrayList<>();
        for (String policy : request.policies() == null ? List.<String>of() : request.policies()) {
            try {
                policies.add(PolicyKind.valueOf(policy.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                errors.add(FieldViolation.of("policies", "invalid_value", "unknown policy " + policy
                        + "; one of optimised, naive, min_max, q_learning, textbook_rq"));
            }
        }
        Set<SeriesKey> keys = new LinkedHashSet<>();
        if (errors.isEmpty()) {
            for (int row = 0; row < request.items().size(); row++) {
                ItemRef item = request.items().get(row);
                try {
                    keys.add(new SeriesKey(item.storeId(), item.productId()));
                } catch (RuntimeException bad) {
                    errors.add(new FieldViolation(row + 1L, "items", "invalid_value", bad.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s)", errors));
        }
        boolean fromStock = !Boolean.FALSE.equals(request.startFromCurrentStock());
        SimulationSettings defaults = SimulationSettings.defaults(request.days() == null ? 180 : request.days(),
                request.seed() == null ? 42 : request.seed());
        SimulationSettings settings = new SimulationSettings(defaults.days(), defaults.seed(),
                request.replications() == null ? 1 : request.replications(), fromStock ? 0 : defaults.warmUpDays(),
                defaults.targetFillRate(), defaults.itemFillRateFloor(),
                request.minMaxMinDays() == null ? defaults.minMaxMinDays() : request.minMaxMinDays(),
                request.minMaxMaxDays() == null ? defaults.minMaxMaxDays() : request.minMaxMaxDays(),
                defaults.naiveCoverDays(), defaults.qLearningEpisodes());
        if (request.targetFillRate() != null) {
            settings = settings.withTargetFillRate(request.targetFillRate());
        }
        SimulationSettings chosen = settings;
        return planning.plan(keys).collectList().flatMap(plans -> {
            List<SimulatedItem> items = new ArrayList<>();
            List<FieldViolation> missing = new ArrayList<>();
            int row = 0;
            for (Planning.SeriesPlan plan : plans) {
                row++;
                if (plan.plan() == null) {
                    missing.add(new FieldViolation((long) row, "items", plan.missing().equals("item_terms")
                            ? "unknown_item" : "no_forecast", plan.series() + (plan.missing().equals("item_terms")
                            ? " has no item terms" : " has no forecast yet")));
                } else if (plan.plan().dailyRate() <= 0) {
                    missing.add(new FieldViolation((long) row, "items", "no_demand",
                            plan.series() + " is forecast to sell nothing: there is nothing to simulate"));
                } else {
                    items.add(item(plan, fromStock, chosen.warmUpDays(), planning.today()));
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiProblemException(Problems.invalidInput(missing.size() + " item(s) cannot be simulated",
                        missing));
            }
            SimulationRequest simulation = new SimulationRequest(items, request.scenario(), chosen,
                    policies.isEmpty() ? null : policies);
            return Mono.fromCallable(() -> InventorySimulator.simulate(simulation))
                    .subscribeOn(Schedulers.boundedElastic())
                    .onErrorMap(IllegalArgumentException.class, SimulationController::invalid)
                    .map(result -> new Response(planning.today(), items.stream().map(SimulatedItem::id).toList(),
                            result));
        });
    }

    /** The engine names the offending field first, e.g. {@code scenario.demandWindows[0].toDay must …}. */
    private static ApiProblemException invalid(IllegalArgumentException refused) {
        String message = refused.getMessage();
        String field = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : null;
        String wire = field == null ? null : field.replace("settings.", "")
                .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return new ApiProblemException(Problems.invalidInput(message, List.of(FieldViolation.of(wire,
                "invalid_value", message))));
    }

    /**
     * Demand: the forecast's 28-day rate; its day-to-day dispersion from the daily P10–P90 spread (variance over
     * mean, at least Poisson's 1); its weekday pattern lined up with the simulation's first day.
     */
    static SimulatedItem item(Planning.SeriesPlan plan, boolean fromStock, int warmUpDays, LocalDate today) {
        var terms = plan.terms();
        double rate = plan.plan().dailyRate();
        double spread = 0;
        int spreadDays = 0;
        double[] byWeekday = new double[7];
        int[] weekdayDays = new int[7];
        for (ForecastDay day : plan.forecast().daily()) {
            Map<String, Double> q = day.quantiles();
            if (q.containsKey("p10") && q.containsKey("p90")) {
                spread += (q.get("p90") - q.get("p10")) / (2 * Z90);
                spreadDays++;
            }
            int weekday = day.date().getDayOfWeek().getValue() - 1;
            byWeekday[weekday] += Math.max(0, day.point());
            weekdayDays[weekday]++;
        }
        double sd = spreadDays == 0 ? 0 : spread / spreadDays;
        double ratio = Math.min(100, Math.max(1, sd * sd / rate));
        List<Double> profile = null;
        LocalDate first = today.minusDays(warmUpDays);
        boolean complete = true;
        for (int i = 0; i < 7; i++) {
            complete &= weekdayDays[i] > 0;
        }
        if (complete) {
            profile = new ArrayList<>(7);
            for (int i = 0; i < 7; i++) {
                DayOfWeek weekday = first.plusDays(i).getDayOfWeek();
                int w = weekday.getValue() - 1;
                profile.add(byWeekday[w] / weekdayDays[w]);
            }
            if (profile.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                profile = null;
            }
        }
        double price = terms.item().unitPrice() != null ? terms.item().unitPrice().doubleValue() : terms.unitCost();
        Integer onHand = fromStock && plan.position() != null
                ? (int) Math.max(0, Math.floor(plan.position().onHand().doubleValue())) : null;
        return new SimulatedItem(plan.series().toString(), new DemandModel(rate, ratio, profile), price,
                terms.unitCost(), terms.orderingCost(), terms.holdingCostRate(),
                terms.item().shortageCost() == null ? null : terms.item().shortageCost().doubleValue(),
                terms.leadTimeDays(), terms.leadTimeSdDays(),
                Math.max(1, (int) Math.ceil(terms.item().minOrderQuantity().doubleValue())),
                Math.max(1, (int) Math.ceil(terms.item().packSize().doubleValue())), onHand);
    }
}
