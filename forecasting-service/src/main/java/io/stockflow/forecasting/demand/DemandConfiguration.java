package io.stockflow.forecasting.demand;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.Topics;
import io.stockflow.forecasting.ForecastingProperties;
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

import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/** Wires daily demand: the POS consumer, its store and its topics. */
@Configuration(proxyBeanMethods = false)
class DemandConfiguration {

    @Bean
    DemandRepository demandRepository(DatabaseClient db) {
        return new DemandRepository(db);
    }

    @Bean
    DemandCalendar demandCalendar(DemandRepository repository, Clock clock, ForecastingProperties properties) {
        return new DemandCalendar(repository, clock, properties.zone());
    }

    @Bean
    ProcessedEventPurge processedEventPurge(DemandRepository repository, Clock clock,
                                            ForecastingProperties properties) {
        return new ProcessedEventPurge(repository, clock, properties.processedEventRetention());
    }

    @Bean
    HistoryImport historyImport(DemandRepository repository, ReactiveTransactionManager transactionManager) {
        return new HistoryImport(repository, TransactionalOperator.create(transactionManager), 1000);
    }

    @Bean
    PosDemandListener posDemandListener(DemandRepository repository, JsonMapper json,
                                        KafkaTemplate<String, byte[]> kafka, ForecastingProperties properties,
                                        MeterRegistry registry) {
        return new PosDemandListener(repository, new EventCodec(json), kafka, properties.zone(), registry);
    }

    /**
     * A batch that cannot be stored (PostgreSQL or Kafka down) is retried, with growing pauses, until it can:
     * giving up would skip accepted sales. Unreadable records never get here, they are dead-lettered.
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
    NewTopic demandDeadLetterTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(PosDemandListener.DEAD_LETTER_TOPIC).partitions(partitions).build();
    }
}
