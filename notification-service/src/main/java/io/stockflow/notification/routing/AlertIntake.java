package io.stockflow.notification.routing;

import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscription.Stored;
import io.stockflow.notification.alert.AlertReader;
import io.stockflow.notification.alert.AlertRepository;
import io.stockflow.notification.alert.IncomingAlert;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Takes in {@code inventory.alerts}, {@code forecast.drift} and {@code data.quality.alerts}. A batch's new alerts,
 * their routes and planned deliveries are committed in one transaction before the offsets: nothing consumed is
 * lost, and a redelivered event changes nothing. A cleared inventory alert resolves the open alert of its
 * situation.
 */
public class AlertIntake {

    private final AlertRepository alerts;
    private final RuleRepository rules;
    private final Router router;
    private final TransactionalOperator transaction;
    private final Runnable deliveriesDue;

    public AlertIntake(AlertRepository alerts, RuleRepository rules, Router router, TransactionalOperator transaction,
                       Runnable deliveriesDue) {
        this.alerts = alerts;
        this.rules = rules;
        this.router = router;
        this.transaction = transaction;
        this.deliveriesDue = deliveriesDue;
    }

    /** The consumer of the three alert topics (unreadable records go to {@code <topic>.notification.dlq}). */
    public static EventSubscription<IncomingAlert> subscription(AlertReader reader, AlertIntake intake) {
        return EventSubscription.<IncomingAlert>builder("notification-alerts", "notification")
                .read(Topics.INVENTORY_ALERTS, event -> Topics.INVENTORY_ALERTS.eventTypes().contains(event.type())
                        ? reader.inventory(event) : null)
                .read(Topics.FORECAST_DRIFT, event -> EventTypes.FORECAST_DRIFT_DETECTED.equals(event.type())
                        ? reader.drift(event) : null)
                .read(Topics.DATA_QUALITY_ALERTS, event -> EventTypes.DATA_QUALITY_ALERT.equals(event.type())
                        ? reader.dataQuality(event) : null)
                .store(intake::store)
                .counted("stockflow.notification.alert.events", "alert events consumed, by outcome", "received",
                        "duplicate")
                .build();
    }

    /** Stores a batch's alerts, routes the new ones and resolves the cleared ones, in one transaction. */
    public Mono<Stored> store(List<IncomingAlert> batch) {
        List<IncomingAlert> raised = new ArrayList<>();
        List<IncomingAlert> cleared = new ArrayList<>();
        batch.forEach(alert -> (alert.clears() ? cleared : raised).add(alert));
        return transaction.transactional(alerts.store(raised).collectList().flatMap(fresh -> {
                    Set<UUID> added = Set.copyOf(fresh);
                    List<IncomingAlert> routed = raised.stream().filter(a -> added.contains(a.alertId())).toList();
                    return rules.enabledRules().flatMap(all -> router.route(routed, all))
                            .map(due -> new Routed(due, Stored.of(routed.size(), raised.size())));
                })
                .flatMap(routed -> Flux.fromIterable(cleared)
                        .concatMap(alert -> alerts.resolveSituation(alert.dedupKey(), "system:" + alert.type()))
                        .then(Mono.just(routed))))
                .doOnNext(routed -> {
                    if (routed.due() > 0) {
                        deliveriesDue.run();
                    }
                })
                .map(Routed::stored);
    }

    private record Routed(long due, Stored stored) {
    }
}
