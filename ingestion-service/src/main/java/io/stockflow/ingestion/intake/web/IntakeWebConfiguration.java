package io.stockflow.ingestion.intake.web;

import io.stockflow.ingestion.batches.BatchRepository;
import io.stockflow.ingestion.dedup.IdempotentRequests;
import io.stockflow.ingestion.intake.IngestionProperties;
import io.stockflow.ingestion.intake.pipeline.IntakePipeline;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Wires intake's HTTP side: the requests, with the Idempotency-Key contract kept in Redis, around the pipeline. */
@Configuration(proxyBeanMethods = false)
class IntakeWebConfiguration {

    @Bean
    IntakeRequests intakeRequests(IntakePipeline pipeline, ReactiveStringRedisTemplate redis,
                                  BatchRepository batches, StatisticsBuffer statistics,
                                  IngestionProperties properties, JsonMapper json, Clock clock) {
        return new IntakeRequests(pipeline, new IdempotentRequests(redis, properties.idempotencyRetention()),
                batches, statistics, properties, json, clock);
    }
}
