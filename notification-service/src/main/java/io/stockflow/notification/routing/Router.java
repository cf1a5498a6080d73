package io.stockflow.notification.routing;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.notification.alert.IncomingAlert;
import io.stockflow.notification.delivery.DeliveryRepository;
import io.stockflow.notification.delivery.PlannedDelivery;
import io.stockflow.notification.routing.AlertRouteRepository.Route;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Routes new alerts through the rules: every matching rule records a route (its escalation state) and plans one
 * delivery per subscription. The same situation within a rule's window is not sent twice and a rule's throttle
 * caps how many go out — both in Redis, so they hold across replicas; what is held back is planned as
 * {@code suppressed} or {@code throttled}, so the log shows it. Quiet hours defer deliveries, never drop them.
 * Delivery ids derive from (alert, rule, target, level): routing a redelivered event again plans nothing new, and
 * a dedup entry that holds this very alert's id is its own earlier attempt, not a duplicate.
 */
public class Router {

    static final String PURCHASE_ORDER_ACTION = "create_purchase_order";

    private final AlertRouteRepository routes;
    private final ReactiveStringRedisTemplate redis;
    private final DeliveryRepository deliveries;
    private final Clock clock;

    public Router(AlertRouteRepository routes, ReactiveStringRedisTemplate redis, DeliveryRepository deliveries, Clock clock) {
        this.routes = routes;
        this.redis = redis;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** @return the deliveries planned as due (the rest were suppressed, throttled or nothing matched) */
    public Mono<Long> route(List<IncomingAlert> alerts, List<Rule> rules) {
        Instant now = clock.instant();
        return Flux.fromIterable(alerts)
                .concatMap(alert -> Flux.fromIterable(rules).filter(rule -> rule.definition().matches(alert))
                        .concatMap(rule -> plan(alert, rule, now)))
                .collectList()
                .flatMap(plans -> {
                    List<PlannedDelivery> all = new ArrayList<>();
                    List<Route> taken = new ArrayList<>();
                    for (Plan plan : plans) {
                        all.addAll(plan.deliveries());
                        taken.add(plan.route());
                    }
                    return routes.save(taken).then(deliveries.plan(all))
                            .thenReturn(all.stream().filter(d -> d.status().equals("pending")).count());
                });
    }

    private record Plan(Route route, List<PlannedDelivery> deliveries) {
    }

    private Mono<Plan> plan(IncomingAlert alert, Rule rule, Instant now) {
        RuleDefinition definition = rule.definition();
        return held(alert, rule).map(reason -> {
            String status = reason.isEmpty() ? "pending" : reason.startsWith("duplicate") ? "suppressed"
                    : "throttled";
            Instant due = status.equals("pending") ? definition.deferral(now, alert.severity()).orElse(now) : null;
            String note = !reason.isEmpty() ? reason : due.isAfter(now) ? "deferred by quiet hours" : null;
            List<PlannedDelivery> planned = new ArrayList<>();
            for (UUID subscription : definition.subscriptionIds() == null ? List.<UUID>of()
                    : definition.subscriptionIds()) {
                planned.add(new PlannedDelivery(id(alert.alertId(), rule.ruleId(), subscription.toString(), 0),
                        alert.alertId(), rule.ruleId(), subscription, null, 0, status, due, note));
            }
            if (definition.ordersFor(alert.type())) {
                planned.add(new PlannedDelivery(id(alert.alertId(), rule.ruleId(), PURCHASE_ORDER_ACTION, 0),
                        alert.alertId(), rule.ruleId(), null, PURCHASE_ORDER_ACTION, 0, status,
                        status.equals("pending") ? now : null, reason.isEmpty() ? null : reason));
            }
            List<RuleDefinition.EscalationStep> steps = definition.escalationSteps();
            Instant escalateAt = status.equals("pending") && !steps.isEmpty()
                    ? now.plus(Duration.ofMinutes(steps.get(0).afterMinutes())) : null;
            return new Plan(new Route(alert.alertId(), rule.ruleId(), escalateAt), planned);
        });
    }

    /** "" when the alert may go; else why it is held back. */
    private Mono<String> held(IncomingAlert alert, Rule rule) {
        RuleDefinition definition = rule.definition();
        String alertId = alert.alertId().toString();
        Mono<String> duplicate = definition.dedupWindow() == 0 ? Mono.just("") : redis.opsForValue()
                .setIfAbsent("notify:dedup:" + rule.ruleId() + ":" + alert.dedupKey(), alertId,
                        Duration.ofMinutes(definition.dedupWindow()))
                .flatMap(fresh -> fresh ? Mono.just("") : redis.opsForValue()
                        .get("notify:dedup:" + rule.ruleId() + ":" + alert.dedupKey())
                        .map(first -> first.equals(alertId) ? "" : "duplicate of alert " + first + " within "
                                + definition.dedupWindow() + " minutes")
                        .defaultIfEmpty(""));
        return duplicate.flatMap(reason -> {
            if (!reason.isEmpty() || definition.throttle() == null) {
                return Mono.just(reason);
            }
            long window = definition.throttle().perMinutes() * 60_000L;
            String key = "notify:throttle:" + rule.ruleId() + ":" + clock.millis() / window;
            return redis.opsForValue().increment(key)
                    .flatMap(count -> count == 1 ? redis.expire(key, Duration.ofMillis(2 * window)).thenReturn(count)
                            : Mono.just(count))
                    .map(count -> count > definition.throttle().max() ? "throttled: more than "
                            + definition.throttle().max() + " alerts in " + definition.throttle().perMinutes()
                            + " minutes through this rule" : "");
        });
    }

    static UUID id(UUID alertId, UUID ruleId, String target, int level) {
        return DeterministicUuid.of("delivery:" + alertId + ":" + ruleId + ":" + target + ":" + level);
    }
}
