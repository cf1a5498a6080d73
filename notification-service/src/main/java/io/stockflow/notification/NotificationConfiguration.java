package io.stockflow.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.security.SecretSealer;
import io.stockflow.notification.alert.AlertReader;
import io.stockflow.notification.alert.AlertRepository;
import io.stockflow.notification.alert.AlertRetention;
import io.stockflow.notification.alert.IncomingAlert;
import io.stockflow.notification.channel.ChannelRepository;
import io.stockflow.notification.channel.ChannelSenders;
import io.stockflow.notification.channel.EmailSender;
import io.stockflow.notification.channel.PushSender;
import io.stockflow.notification.channel.RetryPolicy;
import io.stockflow.notification.channel.SmsSender;
import io.stockflow.notification.channel.UrlGuard;
import io.stockflow.notification.channel.WebhookSender;
import io.stockflow.notification.delivery.DeliveryRepository;
import io.stockflow.notification.delivery.DeliveryWorker;
import io.stockflow.notification.delivery.PurchaseOrderAction;
import io.stockflow.notification.routing.AlertIntake;
import io.stockflow.notification.routing.AlertRouteRepository;
import io.stockflow.notification.routing.Escalator;
import io.stockflow.notification.routing.Router;
import io.stockflow.notification.routing.RuleRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Wires the service: intake from Kafka, routing, escalation, delivery over the channels. The domain classes carry
 * no framework annotations beyond their listener and schedules.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    AlertRepository alertRepository(DatabaseClient db, JsonMapper json) {
        return new AlertRepository(db, json);
    }

    @Bean
    RuleRepository ruleRepository(DatabaseClient db, JsonMapper json) {
        return new RuleRepository(db, json);
    }

    @Bean
    ChannelRepository channelRepository(DatabaseClient db, JsonMapper json, NotificationProperties properties) {
        SecretSealer sealer = SecretSealer.keyFromBase64(properties.secretsKey()).map(SecretSealer::new)
                .orElse(null);
        if (sealer == null) {
            log.warn("no key-encryption key (STOCKFLOW_KEY_ENCRYPTION_KEY): channel secrets are stored unsealed; "
                    + "set one outside local runs");
        }
        return new ChannelRepository(db, json, sealer);
    }

    @Bean
    DeliveryRepository deliveryRepository(DatabaseClient db) {
        return new DeliveryRepository(db);
    }

    @Bean
    UrlGuard urlGuard(NotificationProperties properties) {
        return new UrlGuard(properties.allowedPrivateTargets() == null ? List.of()
                : properties.allowedPrivateTargets());
    }

    @Bean
    RetryPolicy retryPolicy(NotificationProperties properties) {
        NotificationProperties.Retry retry = properties.retry();
        return new RetryPolicy(retry.baseDelay(), retry.maxDelay(), retry.maxAttempts());
    }

    @Bean
    ChannelSenders channelSenders(UrlGuard guard) {
        return new ChannelSenders(List.of(new EmailSender(guard), new SmsSender(guard), new WebhookSender(guard),
                new PushSender(guard)));
    }

    @Bean
    DeliveryWorker deliveryWorker(DeliveryRepository deliveries, AlertRepository alerts, ChannelRepository channels,
                                  ChannelSenders senders, JsonMapper json, RetryPolicy retry, Clock clock,
                                  NotificationProperties properties, MeterRegistry registry) {
        return new DeliveryWorker(deliveries, alerts, channels, senders, new PurchaseOrderAction(json,
                properties.inventory().baseUrl(), properties.inventory().apiKey()), retry, clock,
                properties.deliveryConcurrency(), properties.deliveryLease(), registry);
    }

    @Bean
    AlertRouteRepository alertRouteRepository(DatabaseClient db) {
        return new AlertRouteRepository(db);
    }

    @Bean
    Router router(AlertRouteRepository routes, ReactiveStringRedisTemplate redis, DeliveryRepository deliveries,
                  Clock clock) {
        return new Router(routes, redis, deliveries, clock);
    }

    @Bean
    AlertIntake alertIntake(AlertRepository alerts, RuleRepository rules, Router router,
                            ReactiveTransactionManager transactions, DeliveryWorker worker) {
        return new AlertIntake(alerts, rules, router, TransactionalOperator.create(transactions), worker::wakeUp);
    }

    @Bean
    EventSubscription<IncomingAlert> alertEvents(JsonMapper json, AlertIntake intake) {
        return AlertIntake.subscription(new AlertReader(json), intake);
    }

    @Bean
    AlertRetention alertRetention(AlertRepository alerts, Clock clock, NotificationProperties properties,
                                  MeterRegistry registry) {
        return new AlertRetention(alerts, clock, properties.retention(), registry);
    }

    @Bean
    Escalator escalator(AlertRouteRepository routes, RuleRepository rules, DeliveryRepository deliveries,
                        ReactiveTransactionManager transactions, Clock clock, DeliveryWorker worker,
                        MeterRegistry registry) {
        return new Escalator(routes, rules, deliveries, TransactionalOperator.create(transactions), clock,
                worker::wakeUp, registry);
    }
}
