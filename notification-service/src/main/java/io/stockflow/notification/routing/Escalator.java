package io.stockflow.notification.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.notification.delivery.DeliveryRepository;
import io.stockflow.notification.delivery.PlannedDelivery;
import io.stockflow.notification.routing.AlertRouteRepository.DueRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Escalation: an alert still open (not acknowledged, not resolved) when its route's next step is due gets the
 * step's subscriptions notified, and the route moves on to the following step. Acknowledging stops it. Each step
 * is planned under deterministic delivery ids and moves the route conditionally, so two replicas escalating at
 * once notify once.
 */
public class Escalator {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AlertRouteRepository routes;
    private final RuleRepository rules;
    private final DeliveryRepository deliveries;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final Runnable deliveriesDue;
    private final Counter escalated;

    public Escalator(AlertRouteRepository routes, RuleRepository rules, DeliveryRepository deliveries,
                     TransactionalOperator transaction, Clock clock, Runnable deliveriesDue, MeterRegistry registry) {
        this.routes = routes;
        this.rules = rules;
        this.deliveries = deliveries;
        this.transaction = transaction;
        this.clock = clock;
        this.deliveriesDue = deliveriesDue;
        this.escalated = Counter.builder("stockflow.notification.escalations")
                .description("escalation steps taken for unacknowledged alerts").register(registry);
    }

    @Scheduled(fixedDelayString = "${stockflow.notification.escalation-interval}")
    public void escalateDue() {
        try {
            if (escalate() > 0) {
                deliveriesDue.run();
            }
        } catch (RuntimeException e) {
            log.warn("Escalation paused: {}", e.toString());
        }
    }

    /** @return the steps taken */
    public int escalate() {
        Instant now = clock.instant();
        List<DueRoute> due = routes.due(now, 500).collectList().block(TIMEOUT);
        int steps = 0;
        for (DueRoute route : due) {
            Rule rule = rules.get(route.ruleId()).block(TIMEOUT);
            List<RuleDefinition.EscalationStep> ladder = rule == null ? List.of()
                    : rule.definition().escalationSteps();
            if (!route.alertStatus().equals("open") || route.level() >= ladder.size()) {
                routes.moveOn(route, null).block(TIMEOUT);
                continue;
            }
            RuleDefinition.EscalationStep step = ladder.get(route.level());
            int level = route.level() + 1;
            List<PlannedDelivery> planned = new ArrayList<>();
            for (UUID subscription : step.subscriptionIds()) {
                planned.add(new PlannedDelivery(Router.id(route.alertId(), route.ruleId(), subscription.toString(),
                        level), route.alertId(), route.ruleId(), subscription, null, level, "pending", now,
                        "escalation step " + level + ": unacknowledged after " + step.afterMinutes() + " minutes"));
            }
            Instant next = level < ladder.size() ? now.plus(Duration.ofMinutes(ladder.get(level).afterMinutes()))
                    : null;
            Boolean moved = transaction.transactional(routes.moveOn(route, next)
                    .flatMap(ok -> ok ? deliveries.plan(planned).thenReturn(true) : Mono.just(false)))
                    .block(TIMEOUT);
            if (Boolean.TRUE.equals(moved)) {
                steps++;
                escalated.increment();
            }
        }
        return steps;
    }
}
