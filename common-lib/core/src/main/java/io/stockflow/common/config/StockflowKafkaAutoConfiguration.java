package io.stockflow.common.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscriptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Kafka, the same in every service that has spring-kafka: the topics of {@link Topics} (and the dead-letter topics
 * of this service's subscriptions) declared with one partition count, the event codec, one
 * {@link EventPublisher}, a listener for every {@link EventSubscription} bean, and the error handler that retries
 * a batch that could not be stored. The client settings are in {@code stockflow-defaults.properties}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(StockflowKafkaProperties.class)
public class StockflowKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec,
                                  @Value("${spring.application.name}") String source) {
        return new EventPublisher(kafka, codec, source);
    }

    /**
     * A batch that cannot be stored (PostgreSQL or Kafka down) is retried, with growing pauses, until it can:
     * giving up would skip accepted events. Unreadable records never get here, they are dead-lettered.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    KafkaAdmin.NewTopics stockflowTopics(StockflowKafkaProperties properties,
                                         ObjectProvider<EventSubscription<?>> subscriptions) {
        Set<String> names = new LinkedHashSet<>();
        Topics.ALL.forEach(topic -> names.add(topic.name()));
        subscriptions.orderedStream().forEach(subscription -> subscription.topics()
                .forEach(topic -> names.add(topic.deadLetter(subscription.service()))));
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> TopicBuilder.name(name).partitions(properties.partitions()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    KafkaListenerConfigurer stockflowSubscriptions(ObjectProvider<EventSubscription<?>> subscriptions,
                                                   EventCodec codec, EventPublisher publisher,
                                                   MeterRegistry registry) {
        return registrar -> EventSubscriptions.register(registrar,
                subscriptions.orderedStream().toList(), codec, publisher, registry);
    }
}
