package io.stockflow.ingestion.intake;

import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Kafka unreachable (nothing listens on the configured port) and a small batch limit: refusals are clear, and a
 * line that Kafka did not acknowledge is never reported accepted, nor remembered as ingested.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.producer.properties.max.block.ms=1500",
        "spring.kafka.producer.properties.delivery.timeout.ms=3000",
        "spring.kafka.producer.properties.request.timeout.ms=1000",
        "spring.kafka.admin.fail-fast=false",
        "spring.kafka.admin.auto-create=false",
        "stockflow.ingestion.max-batch-size=4KB"})
class IntakeLimitsAndOutagesTest {

    @Autowired
    WebTestClient client;

    @Test
    void whenKafkaIsDownTheRequestGets503AndNothingIsAccepted() {
        String body = """
                {"transaction_id": "%s", "product_id": "P1", "store_id": "S1", "quantity": 1, "unit_price": 1,
                 "transaction_timestamp": "%s"}""".formatted(UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        for (int attempt = 0; attempt < 2; attempt++) { // a retry is not mistaken for a duplicate
            client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.accepted").isEqualTo(0)
                    .jsonPath("$.request_id").exists()
                    .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                            .contains("kafka").contains("nothing was accepted"));
        }
    }

    @Test
    void aBatchOverTheLimitGets413() {
        String csv = "store_id,product_id,quantity,unit_price,transaction_timestamp\n"
                + "S1,P1,1,1.00,2024-01-01T00:00:00Z\n".repeat(200);
        client.post().uri("/api/data/pos/batch").contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions
                        .assertThat((String) d).contains("4096 bytes"));
    }
}
