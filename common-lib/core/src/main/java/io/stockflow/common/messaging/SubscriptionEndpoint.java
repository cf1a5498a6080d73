package io.stockflow.common.messaging;

import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A subscription as a listener endpoint of the service's container factory (the one Spring Boot configures from
 * {@code spring.kafka.listener.*}); the endpoint registry starts, stops and lists it like an annotated listener.
 */
record SubscriptionEndpoint(String id, List<String> topics, SubscriptionListener<?> listener)
        implements KafkaListenerEndpoint {

    @Override
    public String getId() {
        return id;
    }

    /** The listener's id is its consumer group, as {@code @KafkaListener(id = ...)} makes it. */
    @Override
    public String getGroupId() {
        return id;
    }

    @Override
    public String getGroup() {
        return null;
    }

    @Override
    public Collection<String> getTopics() {
        return topics;
    }

    @Override
    public TopicPartitionOffset[] getTopicPartitionsToAssign() {
        return new TopicPartitionOffset[0];
    }

    @Override
    public Pattern getTopicPattern() {
        return null;
    }

    @Override
    public String getClientIdPrefix() {
        return null;
    }

    @Override
    public Integer getConcurrency() {
        return null;
    }

    @Override
    public Boolean getAutoStartup() {
        return null;
    }

    @Override
    public Boolean getBatchListener() {
        return true;
    }

    @Override
    public void setupListenerContainer(MessageListenerContainer container, MessageConverter messageConverter) {
        container.setupMessageListener(listener);
    }

    @Override
    public boolean isSplitIterables() {
        return true;
    }
}
