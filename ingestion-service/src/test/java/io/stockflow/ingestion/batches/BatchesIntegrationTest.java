package io.stockflow.ingestion.batches;

import io.stockflow.common.web.FieldViolation;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.stockflow.ingestion.IngestionFixtures.CSV;
import static io.stockflow.ingestion.IngestionFixtures.HEADER;
import static io.stockflow.ingestion.IngestionFixtures.batchIdOf;
import static io.stockflow.ingestion.IngestionFixtures.recent;
import static io.stockflow.ingestion.IngestionFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

/** What became of a batch, and its refused rows, read back to fix and resend them. */
@IntegrationTest
class BatchesIntegrationTest {

    @Autowired
    WebTestClient client;

    @Autowired
    BatchRepository batches;

    private String post(MediaType type, String body, int status) {
        return client.post().uri("/api/data/pos/batch").contentType(type).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec rejected(String batchId, String query, MediaType accept) {
        return client.get().uri("/api/data/batches/" + batchId + "/rejected" + query).accept(accept).exchange();
    }

    @Test
    void aCsvBatchsRefusedRowsAreReadBackWithTheirNumbersReasonsAndTextAndCanBeFixedAndPostedAgain() {
        String store = store();
        String ts = recent();
        String negativePrice = store + "-2,1," + store + ",P2,1,-3.00,EUR," + ts + ",,,";
        String unknownCurrency = store + "-4,1," + store + ",P4,1,1.00,XXQ," + ts + ",,,";
        String wrongType = store + "-5,1," + store + ",P5,abc,1.00,EUR," + ts + ",,,\"L, tall\"";
        String csv = HEADER
                + store + "-1,1," + store + ",P1,2,1.50,EUR," + ts + ",false,store,\n"
                + negativePrice + "\n"
                + store + "-3,1," + store + ",P3,1,1.00,EUR," + ts + ",,,M\n"
                + unknownCurrency + "\n"
                + wrongType + "\n"
                + store + "-6,1," + store + ",P6,1,1.00,EUR," + ts + ",,,\n";
        String batchId = batchIdOf(post(CSV, csv, 200));

        client.get().uri("/api/data/batches/{id}", batchId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.batch_id").isEqualTo(batchId)
                .jsonPath("$.status").isEqualTo("completed")
                .jsonPath("$.http_status").isEqualTo(200)
                .jsonPath("$.format").isEqualTo("csv")
                .jsonPath("$.attempts").isEqualTo(1)
                .jsonPath("$.rows").isEqualTo(6)
                .jsonPath("$.accepted").isEqualTo(3)
                .jsonPath("$.duplicates").isEqualTo(0)
                .jsonPath("$.rejected").isEqualTo(3)
                .jsonPath("$.in_flight").isEqualTo(0)
                .jsonPath("$.rejected_by_reason").isEqualTo(Map.of("negative_price", 1, "unknown_currency", 1,
                        "wrong_type", 1))
                .jsonPath("$.received_at").exists()
                .jsonPath("$.completed_at").exists()
                .jsonPath("$.rejected_rows_kept_until").exists();

        rejected(batchId, "", MediaType.APPLICATION_JSON)
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .jsonPath("$.batch_id").isEqualTo(batchId)
                .jsonPath("$.format").isEqualTo("csv")
                .jsonPath("$.csv_header").isEqualTo(HEADER.strip())
                .jsonPath("$.rejected_rows.length()").isEqualTo(3)
                .jsonPath("$.rejected_rows[0].row").isEqualTo(2)
                .jsonPath("$.rejected_rows[0].reason").isEqualTo("negative_price")
                .jsonPath("$.rejected_rows[0].errors[0].field").isEqualTo("unit_price")
                .jsonPath("$.rejected_rows[0].errors[0].code").isEqualTo("negative_price")
                .jsonPath("$.rejected_rows[0].errors[0].message").exists()
                .jsonPath("$.rejected_rows[0].original").isEqualTo(negativePrice)
                .jsonPath("$.rejected_rows[1].row").isEqualTo(4)
                .jsonPath("$.rejected_rows[1].reason").isEqualTo("unknown_currency")
                .jsonPath("$.rejected_rows[1].original").isEqualTo(unknownCurrency)
                .jsonPath("$.rejected_rows[2].row").isEqualTo(5)
                .jsonPath("$.rejected_rows[2].reason").isEqualTo("wrong_type")
                .jsonPath("$.rejected_rows[2].errors[0].field").isEqualTo("quantity")
                .jsonPath("$.rejected_rows[2].original").isEqualTo(wrongType)
                .jsonPath("$.next_after").doesNotExist();

        String refused = rejected(batchId, "", CSV)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(CSV)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).isEqualTo(HEADER + negativePrice + "\n" + unknownCurrency + "\n" + wrongType + "\n");

        String fixed = refused.replace(",-3.00,", ",3.00,").replace(",XXQ,", ",EUR,").replace(",abc,", ",1,");
        assertThat(post(CSV, fixed, 200)).contains("\"rows\":3", "\"accepted\":3", "\"rejected\":0");
    }

    @Test
    void refusedRowsArePagedInRowOrderAsJsonAndAsCsv() {
        String store = store();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 6; i++) {
            csv.append(store).append("-").append(i).append(",1,").append(store).append(",P1,1,1.00,")
                    .append(i == 3 ? "EUR" : "XXQ").append(",").append(recent()).append(",,,\n");
        }
        String batchId = batchIdOf(post(CSV, csv.toString(), 200)); // rows 1, 2, 4, 5, 6 refused
        String base = "/api/data/batches/" + batchId + "/rejected";

        rejected(batchId, "?limit=2", MediaType.APPLICATION_JSON)
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.LINK, "<" + base + "?after=2&limit=2>; rel=\"next\"")
                .expectBody()
                .jsonPath("$.rejected_rows[*].row").isEqualTo(List.of(1, 2))
                .jsonPath("$.next_after").isEqualTo(2);
        rejected(batchId, "?after=2&limit=2", MediaType.APPLICATION_JSON)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rejected_rows[*].row").isEqualTo(List.of(4, 5))
                .jsonPath("$.next_after").isEqualTo(5);
        rejected(batchId, "?after=5&limit=2", MediaType.APPLICATION_JSON)
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .jsonPath("$.rejected_rows[*].row").isEqualTo(List.of(6))
                .jsonPath("$.next_after").doesNotExist();

        String page = rejected(batchId, "?after=2&limit=2", CSV)
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.LINK, "<" + base + "?after=5&limit=2>; rel=\"next\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page.lines()).hasSize(3).first().isEqualTo(HEADER.strip());
        assertThat(page.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith(store + "-"))
                .extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly(store + "-4", store + "-5");

        for (String query : List.of("?limit=0", "?limit=1001", "?after=-1", "?limit=many")) {
            rejected(batchId, query, MediaType.APPLICATION_JSON)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-input");
        }
    }

    @Test
    void aJsonBatchsRefusedRowsKeepTheirJsonAndAreNotOfferedAsCsv() {
        String store = store();
        String bad = "{\"product_id\":\"P1\",\"store_id\":\"" + store + "\",\"quantity\":1,\"unit_price\":1,"
                + "\"currency\":\"XXQ\",\"transaction_timestamp\":\"" + recent() + "\"}";
        String batchId = batchIdOf(post(MediaType.APPLICATION_JSON, "[" + bad + ", 42]", 422));

        client.get().uri("/api/data/batches/{id}", batchId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("rejected")
                .jsonPath("$.http_status").isEqualTo(422)
                .jsonPath("$.format").isEqualTo("json")
                .jsonPath("$.rejected").isEqualTo(2);
        rejected(batchId, "", MediaType.ALL)
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.csv_header").doesNotExist()
                .jsonPath("$.rejected_rows[0].reason").isEqualTo("unknown_currency")
                .jsonPath("$.rejected_rows[0].original").isEqualTo(bad)
                .jsonPath("$.rejected_rows[1].reason").isEqualTo("not_an_object")
                .jsonPath("$.rejected_rows[1].original").isEqualTo("42");
        rejected(batchId, "", CSV).expectStatus().isEqualTo(406);
    }

    @Test
    void anUnknownBatchIs404ProblemJson() {
        for (String path : List.of("/api/data/batches/no-such-batch", "/api/data/batches/no-such-batch/rejected")) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/batch-not-found")
                    .jsonPath("$.status").isEqualTo(404)
                    .jsonPath("$.instance").isEqualTo(path)
                    .jsonPath("$.request_id").exists();
        }
    }

    @Test
    void refusedRowsPastTheirRetentionArePurgedInBatchesAndAnsweredAsGone() {
        Instant old = Instant.now().minus(40, ChronoUnit.DAYS);
        String oldBatch = "old-" + UUID.randomUUID();
        UUID oldAttempt = UUID.randomUUID();
        batches.record(new BatchRecord(oldBatch, oldAttempt, old, old.plusSeconds(1), "batch", "csv", 200, 6, 1, 0, 5,
                0, Map.of("unknown_currency", 5L), HEADER.strip(), "req-old")).block();
        batches.keepRejectedRows(oldBatch, oldAttempt, old, LongStream.rangeClosed(1, 5).mapToObj(row ->
                new RejectedRow(row, "unknown_currency", List.of(FieldViolation.of("currency", "unknown_currency",
                        "unknown").atRow(row)), "row " + row)).toList()).block();
        String recentBatch = "recent-" + UUID.randomUUID();
        UUID recentAttempt = UUID.randomUUID();
        batches.keepRejectedRows(recentBatch, recentAttempt, Instant.now(), List.of(new RejectedRow(1, "wrong_type",
                List.of(FieldViolation.of("quantity", "wrong_type", "not a number").atRow(1)), "row 1"))).block();

        client.get().uri("/api/data/batches/{id}", oldBatch).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.rejected").isEqualTo(5)
                .jsonPath("$.rejected_rows_kept_until").value(until ->
                        assertThat(Instant.parse((String) until)).isBefore(Instant.now()));
        rejected(oldBatch, "", MediaType.APPLICATION_JSON)
                .expectStatus().isEqualTo(410)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rejected-rows-gone");

        RejectedRowRetention retention = new RejectedRowRetention(batches, Clock.systemUTC(), Duration.ofDays(30), 2);
        assertThat(retention.purge()).isEqualTo(5);
        assertThat(batches.rejectedRows(oldBatch, oldAttempt, 0, 10).collectList().block()).isEmpty();
        assertThat(batches.rejectedRows(recentBatch, recentAttempt, 0, 10).collectList().block())
                .singleElement().satisfies(row -> {
                    assertThat(row.reason()).isEqualTo("wrong_type");
                    assertThat(row.errors()).extracting(FieldViolation::field).containsExactly("quantity");
                });
        assertThat(retention.purge()).isZero();
    }
}
