package io.stockflow.ingestion.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.ingestion.quality.IngestionStatisticsRepository;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;

/**
 * What the parts of intake share: Kafka for its events, PostgreSQL for its statistics. The parts wire themselves:
 * {@code intake.web} (HTTP and the Idempotency-Key contract), {@code intake.pipeline} (defaults, validation,
 * claims, publishing, statistics); {@code intake.reading} reads bodies row by row.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    PosEventPublisher posEventPublisher(EventPublisher publisher) {
        return new PosEventPublisher(publisher);
    }

    @Bean
    IngestionStatisticsRepository ingestionStatisticsRepository(DatabaseClient db) {
        return new IngestionStatisticsRepository(db);
    }

    @Bean(destroyMethod = "close")
    StatisticsBuffer statisticsBuffer(IngestionStatisticsRepository repository, MeterRegistry registry) {
        return new StatisticsBuffer(repository, registry, Duration.ofSeconds(1));
    }
}
