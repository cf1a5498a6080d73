package io.stockflow.inventory.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.Topics;
import io.stockflow.inventory.item.ItemRepository;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Wires the stock ledger: its store, the POS consumer, movements from the API. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    LedgerRepository ledgerRepository(DatabaseClient db) {
        return new LedgerRepository(db);
    }

    @Bean
    StockMovements stockMovements(LedgerRepository ledger, ItemRepository items,
                                  ReactiveTransactionManager transactions, Clock clock) {
        return new StockMovements(ledger, items, TransactionalOperator.create(transactions), clock);
    }

    @Bean
    PosSalesListener posSalesListener(LedgerRepository ledger, JsonMapper json, KafkaTemplate<String, byte[]> kafka,
                                      MeterRegistry registry) {
        return new PosSalesListener(ledger, new EventCodec(json), kafka, registry);
    }

    /**
     * A batch that cannot be stored (PostgreSQL or Kafka down) is retried, with growing pauses, until it can:
     * giving up would lose sales. Unreadable records never get here, they are dead-lettered.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    NewTopic posTransactionsTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(Topics.POS_TRANSACTIONS).partitions(partitions).build();
    }

    @Bean
    NewTopic salesDeadLetterTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(PosSalesListener.DEAD_LETTER_TOPIC).partitions(partitions).build();
    }
}
