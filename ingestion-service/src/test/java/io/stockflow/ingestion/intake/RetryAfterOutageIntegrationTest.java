package io.stockflow.ingestion.intake;

import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static io.stockflow.ingestion.IngestionFixtures.CSV;
import static io.stockflow.ingestion.IngestionFixtures.HEADER;
import static io.stockflow.ingestion.IngestionFixtures.assertCountedAsDuplicates;
import static io.stockflow.ingestion.IngestionFixtures.batchIdOf;
import static io.stockflow.ingestion.IngestionFixtures.events;
import static io.stockflow.ingestion.IngestionFixtures.recent;
import static io.stockflow.ingestion.IngestionFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

/**
 * A keyed batch whose first attempt Kafka acknowledged only in part gets 503; its retry with the same key (and so
 * the same batch id) accepts the rest, and the lines acknowledged the first time are duplicates, not refused rows.
 */
@IntegrationTest
class RetryAfterOutageIntegrationTest {

    /** Lines of this product are not acknowledged while the outage lasts. */
    private static final String LOST = "P-LOST";

    @Autowired
    WebTestClient client;

    @Autowired
    EventPublisher events;

    @MockitoSpyBean
    PosEventPublisher publisher;

    private void kafkaLosesAcknowledgementsOf(String productId) {
        PosEventPublisher real = new PosEventPublisher(events);
        doAnswer(invocation -> {
            List<PosTransaction> lines = invocation.getArgument(0);
            return lines.stream().<CompletableFuture<?>>map(line -> line.productId().equals(productId)
                    ? CompletableFuture.failedFuture(new TimeoutException("simulated: no acknowledgement"))
                    : real.send(List.of(line)).get(0)).toList();
        }).when(publisher).send(anyList());
    }

    private void kafkaRecovers() {
        doAnswer(invocation -> new PosEventPublisher(events).send(invocation.getArgument(0)))
                .when(publisher).send(anyList());
    }

    @Test
    void theRetryOfABatchThatFailedMidwayCountsItsAcknowledgedLinesAsDuplicates() {
        String store = store();
        String csv = HEADER
                + store + "-1,1," + store + ",P1,1,1.00,EUR," + recent() + ",,,\n"
                + store + "-2,1," + store + "," + LOST + ",1,1.00,EUR," + recent() + ",,,\n"
                + store + "-3,1," + store + ",P3,1,1.00,EUR," + recent() + ",,,\n"
                + ",," + store + ",P4,1,1.00,EUR," + recent() + ",,,\n"; // id derived from the key
        String key = UUID.randomUUID().toString();

        kafkaLosesAcknowledgementsOf(LOST);
        String failed = client.post().uri("/api/data/pos/batch").header("Idempotency-Key", key).contentType(CSV)
                .bodyValue(csv).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(failed).contains("\"accepted\":3", "retrying the whole request is safe");
        String batchId = batchIdOf(failed);
        client.get().uri("/api/data/batches/{id}", batchId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("incomplete").jsonPath("$.http_status").isEqualTo(503)
                .jsonPath("$.accepted").isEqualTo(3);

        kafkaRecovers();
        client.post().uri("/api/data/pos/batch").header("Idempotency-Key", key).contentType(CSV).bodyValue(csv)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody()
                .jsonPath("$.batch_id").isEqualTo(batchId)
                .jsonPath("$.accepted").isEqualTo(1)
                .jsonPath("$.duplicates").isEqualTo(3)
                .jsonPath("$.rejected").isEqualTo(0);

        assertCountedAsDuplicates(client, store, batchId, 4, 3);
        assertThat(events(store, 4)).extracting(e -> e.payload().productId())
                .containsExactlyInAnyOrder("P1", LOST, "P3", "P4");
        client.get().uri("/api/data/batches/{id}", batchId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("completed").jsonPath("$.attempts").isEqualTo(2)
                .jsonPath("$.accepted").isEqualTo(1).jsonPath("$.duplicates").isEqualTo(3);
    }
}
