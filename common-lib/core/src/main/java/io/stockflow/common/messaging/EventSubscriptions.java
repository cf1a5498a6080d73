package io.stockflow.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;

import java.util.List;

/** Registers subscriptions as listener endpoints of the service's default container factory. */
public final class EventSubscriptions {

    private EventSubscriptions() {
    }

    public static void register(KafkaListenerEndpointRegistrar registrar, List<EventSubscription<?>> subscriptions,
                                EventCodec codec, EventPublisher publisher, MeterRegistry registry) {
        for (EventSubscription<?> subscription : subscriptions) {
            registrar.registerEndpoint(new SubscriptionEndpoint(subscription.group(),
                    List.copyOf(subscription.readers().keySet()),
                    new SubscriptionListener<>(subscription, codec, publisher, registry)));
        }
    }
}
