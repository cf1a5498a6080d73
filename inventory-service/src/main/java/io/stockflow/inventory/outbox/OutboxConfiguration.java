package io.stockflow.inventory.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxConfiguration {

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper json) {
        return new Outbox(db, new EventCodec(json));
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
        return new OutboxRelay(db, kafka, registry);
    }

    @Bean
    NewTopic inventoryAlertsTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(Topics.INVENTORY_ALERTS).partitions(partitions).build();
    }

    @Bean
    NewTopic reorderRecommendedTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(Topics.REORDER_RECOMMENDED).partitions(partitions).build();
    }
}
