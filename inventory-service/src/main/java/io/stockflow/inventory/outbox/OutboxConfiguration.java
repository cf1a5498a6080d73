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
    OutboxRepository outbox(DatabaseClient db, EventPublisher publisher) {
        return new OutboxRepository(db, publisher);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRepository outbox, EventPublisher publisher, MeterRegistry registry) {
        return new OutboxRelay(outbox, publisher, registry);
    }
}
