package io.stockflow.notification.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeadLetters;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.notification.alert.AlertReader;
import io.stockflow.notification.alert.AlertRepository;
import io.stockflow.notification.alert.IncomingAlert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code inventory.alerts}, {@code forecast.drift} and {@code data.quality.alerts}. A batch's new alerts,
 * their routes and planned deliveries are committed in one transaction before the offsets: nothing consumed is
 * lost, and a redelivered event changes nothing. A cleared inventory alert resolves the open alert of its
 * situation. Unreadable records go to {@code <topic>.notification.dlq} with the reason.
 */
public class AlertIntake {

    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    static final List<String> TOPICS = List.of(Topics.INVENTORY_ALERTS, Topics.FORECAST_DRIFT,
            Topics.DATA_QUALITY_ALERTS);

    private final AlertReader reader;
    private final AlertRepository alerts;
    private final RuleRepository rules;
    private final Router router;
    private final TransactionalOperator transaction;
    private final EventCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Runnable deliveriesDue;
    private final Counter received;
    private final Counter duplicates;
    private final Counter deadLettered;

    public AlertIntake(AlertReader reader, AlertRepository alerts, RuleRepository rules, Router router,
                       TransactionalOperator transaction, EventCodec codec, KafkaTemplate<String, byte[]> kafka,
                       Runnable deliveriesDue, MeterRegistry registry) {
        this.reader = reader;
        this.alerts = alerts;
        this.rules = rules;
        this.router = router;
        this.transaction = transaction;
        this.codec = codec;
        this.kafka = kafka;
        this.deliveriesDue = deliveriesDue;
        this.received = events(registry, "received");
        this.duplicates = events(registry, "duplicate");
        this.deadLettered = events(registry, "dead_lettered");
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("stockflow.notification.alert.events")
                .description("alert events consumed, by outcome").tag("outcome", outcome).register(registry);
    }

    static String deadLetterTopic(String topic) {
        return topic + ".notification.dlq";
    }

    @KafkaListener(id = "notification-alerts",
            topics = {Topics.INVENTORY_ALERTS, Topics.FORECAST_DRIFT, Topics.DATA_QUALITY_ALERTS})
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<IncomingAlert> raised = new ArrayList<>();
        List<IncomingAlert> cleared = new ArrayList<>();
        List<CompletableFuture<?>> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                IncomingAlert alert = read(record);
                if (alert != null) {
                    (alert.clears() ? cleared : raised).add(alert);
                }
            } catch (RuntimeException unreadable) {
                log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        DeadLetters.reason(unreadable));
                deadLetters.add(kafka.send(DeadLetters.of(deadLetterTopic(record.topic()), record, unreadable)));
            }
        }
        for (CompletableFuture<?> send : deadLetters) {
            send.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        deadLettered.increment(deadLetters.size());
        Long due = transaction.transactional(alerts.store(raised).collectList().flatMap(fresh -> {
                    Set<UUID> added = Set.copyOf(fresh);
                    List<IncomingAlert> routed = raised.stream().filter(a -> added.contains(a.alertId())).toList();
                    received.increment(routed.size());
                    duplicates.increment(raised.size() - routed.size());
                    return rules.enabledRules().flatMap(all -> router.route(routed, all));
                })
                .flatMap(planned -> Flux.fromIterable(cleared)
                        .concatMap(alert -> alerts.resolveSituation(alert.dedupKey(), "system:" + alert.type()))
                        .then(Mono.just(planned))))
                .block(STORE_TIMEOUT);
        if (due != null && due > 0) {
            deliveriesDue.run();
        }
    }

    private IncomingAlert read(ConsumerRecord<String, byte[]> record) {
        switch (record.topic()) {
            case Topics.INVENTORY_ALERTS: {
                EventEnvelope<InventoryAlert> event = codec.decode(record.value(), InventoryAlert.class);
                return event.type().startsWith("inventory.alert.") ? reader.inventory(event) : null;
            }
            case Topics.FORECAST_DRIFT: {
                EventEnvelope<ForecastDrift> event = codec.decode(record.value(), ForecastDrift.class);
                return EventTypes.FORECAST_DRIFT_DETECTED.equals(event.type()) ? reader.drift(event) : null;
            }
            default: {
                EventEnvelope<DataQualityAlert> event = codec.decode(record.value(), DataQualityAlert.class);
                return EventTypes.DATA_QUALITY_ALERT.equals(event.type()) ? reader.dataQuality(event) : null;
            }
        }
    }
}
