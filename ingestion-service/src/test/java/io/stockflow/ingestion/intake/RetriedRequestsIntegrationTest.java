package io.stockflow.ingestion.intake;

import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.UUID;

import static io.stockflow.ingestion.IngestionFixtures.CSV;
import static io.stockflow.ingestion.IngestionFixtures.HEADER;
import static io.stockflow.ingestion.IngestionFixtures.assertCountedAsDuplicates;
import static io.stockflow.ingestion.IngestionFixtures.batchIdOf;
import static io.stockflow.ingestion.IngestionFixtures.deadLetters;
import static io.stockflow.ingestion.IngestionFixtures.events;
import static io.stockflow.ingestion.IngestionFixtures.forgetIdempotencyKey;
import static io.stockflow.ingestion.IngestionFixtures.quality;
import static io.stockflow.ingestion.IngestionFixtures.recent;
import static io.stockflow.ingestion.IngestionFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line already ingested is a duplicate everywhere — in the answer, in the statistics (never refused, never
 * lowering the acceptance rate), never on the dead-letter topic, never behind a data quality alert — whether the
 * retry reuses the batch id (a transaction's own id, an Idempotency-Key's) or not. A line repeated within one
 * request stays refused.
 */
@IntegrationTest
class RetriedRequestsIntegrationTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveStringRedisTemplate redis;

    private WebTestClient.ResponseSpec postTransaction(String body, String idempotencyKey) {
        return post("/api/data/pos/transaction", MediaType.APPLICATION_JSON, body, idempotencyKey);
    }

    private WebTestClient.ResponseSpec postBatch(String csv, String idempotencyKey) {
        return post("/api/data/pos/batch", CSV, csv, idempotencyKey);
    }

    private WebTestClient.ResponseSpec post(String path, MediaType type, String body, String idempotencyKey) {
        return client.post().uri(path).contentType(type)
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body).exchange();
    }

    @Test
    void aTransactionPostedTwiceIsAcceptedThenADuplicateAndNeverRefused() {
        String store = store();
        String transactionId = store + "-T1";
        String body = """
                {"transaction_id": "%s", "product_id": "P1", "store_id": "%s", "quantity": 1, "unit_price": 2.5,
                 "transaction_timestamp": "%s"}""".formatted(transactionId, store, recent());
        postTransaction(body, null).expectStatus().isCreated()
                .expectBody().jsonPath("$.accepted").isEqualTo(1).jsonPath("$.lines[0].status").isEqualTo("accepted");
        postTransaction(body, null).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(0).jsonPath("$.duplicates").isEqualTo(1)
                .jsonPath("$.lines[0].status").isEqualTo("duplicate");

        assertCountedAsDuplicates(client, store, transactionId, 1, 1);
        assertThat(events(store, 1)).hasSize(1);
    }

    @Test
    void aKeyedTransactionRetriedAfterItsStoredAnswerExpiredIsADuplicate() {
        String store = store();
        String key = UUID.randomUUID().toString();
        String body = """
                {"store_id": "%s", "transaction_timestamp": "%s",
                 "lines": [{"product_id": "P1", "quantity": 1, "unit_price": 2.5},
                           {"product_id": "P2", "quantity": 2, "unit_price": 1.0}]}""".formatted(store, recent());
        String first = postTransaction(body, key).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        String transactionId = first.replaceAll("(?s).*\"transaction_id\":\"([^\"]+)\".*", "$1");
        forgetIdempotencyKey(redis, "transaction", key);

        postTransaction(body, key).expectStatus().isOk()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody().jsonPath("$.transaction_id").isEqualTo(transactionId)
                .jsonPath("$.duplicates").isEqualTo(2)
                .jsonPath("$.lines[0].status").isEqualTo("duplicate")
                .jsonPath("$.lines[1].status").isEqualTo("duplicate");

        assertCountedAsDuplicates(client, store, transactionId, 2, 2);
        assertThat(events(store, 2)).hasSize(2);
    }

    /** The README's promise: a retry after a lost answer ingests nothing twice, within the replay window and after. */
    @Test
    void aKeyedBatchRetriedAfterALostAnswerIngestsNothingTwiceAndRefusesNothing() {
        String store = store();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 12; i++) { // enough rows for a critical alert, had the retry refused them
            String transactionId = i % 2 == 0 ? store + "-" + i : ""; // the others get ids derived from the key
            csv.append(transactionId).append(",1,").append(store).append(",P").append(i).append(",1,1.00,EUR,")
                    .append(recent()).append(",,,\n");
        }
        String key = UUID.randomUUID().toString();
        String first = postBatch(csv.toString(), key).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String batchId = batchIdOf(first);

        // the answer was lost: the retry gets it replayed
        postBatch(csv.toString(), key).expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);
        // the retry comes after every replay window expired: the same ids, so every row is a duplicate
        forgetIdempotencyKey(redis, "batch", key);
        postBatch(csv.toString(), key).expectStatus().isOk()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody()
                .jsonPath("$.batch_id").isEqualTo(batchId)
                .jsonPath("$.rows").isEqualTo(12)
                .jsonPath("$.accepted").isEqualTo(0)
                .jsonPath("$.duplicates").isEqualTo(12)
                .jsonPath("$.rejected").isEqualTo(0)
                .jsonPath("$.rejected_rows").isEmpty()
                .jsonPath("$.duplicate_rows[0].reason").isEqualTo("already_ingested");

        assertCountedAsDuplicates(client, store, batchId, 12, 12);
        assertThat(events(store, 12)).hasSize(12);
        client.get().uri("/api/data/batches/{id}", batchId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("completed")
                .jsonPath("$.attempts").isEqualTo(2)
                .jsonPath("$.accepted").isEqualTo(0)
                .jsonPath("$.duplicates").isEqualTo(12)
                .jsonPath("$.rejected").isEqualTo(0);
        client.get().uri("/api/data/batches/{id}/rejected", batchId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.rejected_rows").isEmpty();
    }

    @Test
    void aBatchWithoutKeySentAgainIsAllDuplicates() {
        String store = store();
        String csv = HEADER + store + "-1,1," + store + ",P1,1,1.00,EUR," + recent() + ",,,\n"
                + store + "-1,2," + store + ",P2,1,1.00,EUR," + recent() + ",,,\n";
        postBatch(csv, null).expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(2);
        String again = postBatch(csv, null).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).contains("\"accepted\":0", "\"duplicates\":2", "\"rejected\":0");

        assertCountedAsDuplicates(client, store, batchIdOf(again), 2, 2);
        assertThat(events(store, 2)).hasSize(2);
    }

    /**
     * Within one upload the second row of a line is refused as {@code duplicate_in_batch}, as ever; sent again,
     * both rows are lines ingested before: duplicates.
     */
    @Test
    void aLineRepeatedWithinOneBatchIsRefusedButARetryOfTheBatchIsNot() {
        String store = store();
        String repeated = store + "-1,1," + store + ",P1,1,1.00,EUR," + recent() + ",,,";
        String csv = HEADER + repeated + "\n" + store + "-2,1," + store + ",P2,1,1.00,EUR," + recent() + ",,,\n"
                + repeated + "\n";
        String first = postBatch(csv, null).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(first).contains("\"accepted\":2", "\"rejected\":1", "\"duplicates\":0",
                "\"reason\":\"duplicate_in_batch\"", "same transaction_id and line_number as row 1");
        List<RejectedRecord> dead = deadLetters(batchIdOf(first));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.row()).isEqualTo(3);
            assertThat(record.reason()).isEqualTo("duplicate_in_batch");
            assertThat(record.payload()).isEqualTo(repeated);
        });

        String again = postBatch(csv, null).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).contains("\"accepted\":0", "\"duplicates\":3", "\"rejected\":0");
        assertThat(deadLetters(batchIdOf(again))).isEmpty();

        quality(client, store)
                .jsonPath("$.totals.received").isEqualTo(6)
                .jsonPath("$.totals.accepted").isEqualTo(2)
                .jsonPath("$.totals.rejected").isEqualTo(1)
                .jsonPath("$.totals.duplicates").isEqualTo(3)
                .jsonPath("$.totals.acceptance_rate").isEqualTo(0.6667)
                .jsonPath("$.rejected_by_reason.duplicate_in_batch").isEqualTo(1);
        assertThat(events(store, 2)).hasSize(2);
    }
}
