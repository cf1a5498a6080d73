package io.stockflow.ingestion.batches;

import io.stockflow.ingestion.intake.IngestionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Wires batch records and refused rows to PostgreSQL, their read API and their retention. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BatchesConfiguration {

    /** Refused rows removed per statement by the retention purge. */
    private static final int PURGE_BATCH = 10_000;

    @Bean
    BatchRepository batchRepository(DatabaseClient db) {
        return new BatchRepository(db);
    }

    @Bean
    BatchReports batchReports(BatchRepository batches, Clock clock, IngestionProperties properties) {
        return new BatchReports(batches, clock, properties.rejectedRowRetention());
    }

    @Bean
    RejectedRowRetention rejectedRowRetention(BatchRepository batches, Clock clock, IngestionProperties properties) {
        return new RejectedRowRetention(batches, clock, properties.rejectedRowRetention(), PURGE_BATCH);
    }
}
