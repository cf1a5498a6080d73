package io.stockflow.inventory.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxConfiguration {

    @Bean
    Outbox outbox(DatabaseClient db, EventPublisher publisher) {
        return new Outbox(db, publisher);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, EventPublisher publisher, MeterRegistry registry) {
        return new OutboxRelay(db, publisher, registry);
    }
}
