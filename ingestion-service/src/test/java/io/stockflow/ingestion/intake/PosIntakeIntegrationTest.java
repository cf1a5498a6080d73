package io.stockflow.ingestion.intake;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.testsupport.ActuatorContract;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.stockflow.ingestion.IngestionFixtures.CSV;
import static io.stockflow.ingestion.IngestionFixtures.HEADER;
import static io.stockflow.ingestion.IngestionFixtures.alerts;
import static io.stockflow.ingestion.IngestionFixtures.batchIdOf;
import static io.stockflow.ingestion.IngestionFixtures.deadLetters;
import static io.stockflow.ingestion.IngestionFixtures.events;
import static io.stockflow.ingestion.IngestionFixtures.recent;
import static io.stockflow.ingestion.IngestionFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PosIntakeIntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void acceptsTheReferenceExampleAsIsAndPublishesOneKeyedEvent() {
        String store = store();
        String body = """
                {"product_id": "P001", "store_id": "%s", "quantity": 5, "unit_price": 15.99,
                 "transaction_timestamp": "2024-01-01T10:00:00Z"}""".formatted(store);
        client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.transaction_id").value(id -> assertThat((String) id).startsWith("T-"))
                .jsonPath("$.accepted").isEqualTo(1)
                .jsonPath("$.lines[0].status").isEqualTo("accepted");

        List<EventEnvelope<PosTransaction>> events = events(store, 1);
        assertThat(events).hasSize(1);
        EventEnvelope<PosTransaction> event = events.get(0);
        assertThat(event.type()).isEqualTo("pos.transaction.recorded");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.source()).isEqualTo("ingestion-service");
        assertThat(event.eventId()).isEqualTo(event.payload().eventId());
        assertThat(event.payload().currency()).isEqualTo("EUR");
        assertThat(event.payload().lineNumber()).isEqualTo(1);
        assertThat(event.payload().unitPrice()).isEqualByComparingTo(new BigDecimal("15.99"));
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    }

    @Test
    void aRetriedTransactionIsReportedAsDuplicateAndPublishedOnce() {
        String store = store();
        String body = """
                {"transaction_id": "%s-T1", "store_id": "%s", "transaction_timestamp": "%s", "currency": "USD",
                 "lines": [{"product_id": "P1", "quantity": 2, "unit_price": 3.50},
                           {"product_id": "P2", "quantity": -1, "unit_price": 9.99, "variant": {"size": "M"}}]}"""
                .formatted(store, store, recent());
        client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.accepted").isEqualTo(2).jsonPath("$.lines[1].line_number").isEqualTo(2);
        client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(0).jsonPath("$.duplicates").isEqualTo(2)
                .jsonPath("$.lines[0].status").isEqualTo("duplicate");

        List<EventEnvelope<PosTransaction>> events = events(store, 2);
        assertThat(events).hasSize(2);
        assertThat(events).extracting(e -> e.payload().variant()).containsOnlyOnce(java.util.Map.of("size", "M"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
        String store = store();
        String key = UUID.randomUUID().toString();
        String body = """
                {"product_id": "P9", "store_id": "%s", "quantity": 1, "unit_price": 2, "transaction_timestamp": "%s"}"""
                .formatted(store, recent());
        String first = client.post().uri("/api/data/pos/transaction").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        client.post().uri("/api/data/pos/transaction").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);
        client.post().uri("/api/data/pos/transaction").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.replace("\"quantity\": 1", "\"quantity\": 3"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(events(store, 1)).hasSize(1);
    }

    @Test
    void anIdempotencyKeyOutsideTheOneRuleIsRefusedAndRecordsNothing() {
        String store = store();
        String body = """
                {"product_id": "P9", "store_id": "%s", "quantity": 1, "unit_price": 2, "transaction_timestamp": "%s"}"""
                .formatted(store, recent());
        for (String key : List.of("two words", "x".repeat(256))) {
            client.post().uri("/api/data/pos/transaction").header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                    .jsonPath("$.instance").isEqualTo("/api/data/pos/transaction")
                    .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                    .jsonPath("$.errors[0].code").isEqualTo("invalid_format");
        }
        client.post().uri("/api/data/pos/batch").header("Idempotency-Key", "x".repeat(256)).contentType(CSV)
                .bodyValue(HEADER + store + "-1,1," + store + ",P1,1,1.00,EUR," + recent() + ",,,\n").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        assertThat(events(store, 0)).isEmpty();
        String longest = store + "-" + "k".repeat(255 - store.length() - 1); // 255 visible characters
        client.post().uri("/api/data/pos/transaction").header("Idempotency-Key", longest)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated();
    }

    @Test
    void badSingleTransactionsGetFieldLevelProblems() {
        String store = store();
        String ok = "\"store_id\": \"" + store + "\", \"transaction_timestamp\": \"" + recent() + "\"";
        expectProblem("{\"product_id\": \"P1\", " + ok, 400, "malformed_json", null);
        expectProblem("{\"product_id\": \"P1\", \"quantity\": \"five\", \"unit_price\": 1, " + ok + "}", 400,
                "wrong_type", "quantity");
        expectProblem("{\"product_id\": \"P1\", \"quantity\": \"5\", \"unit_price\": 1, " + ok + "}", 400,
                "wrong_type", "quantity");
        expectProblem("{\"quantity\": 1, \"unit_price\": 1, " + ok + "}", 400, "missing_field", "product_id");
        expectProblem("{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": -4, " + ok + "}", 400,
                "negative_price", "unit_price");
        expectProblem("{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 99999999, " + ok + "}", 400,
                "price_out_of_range", "unit_price");
        expectProblem("{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 1, \"currency\": \"XXQ\", " + ok
                + "}", 400, "unknown_currency", "currency");
        expectProblem("{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 1, \"store_id\": \"" + store
                + "\", \"transaction_timestamp\": \"2099-01-01T00:00:00Z\"}", 400, "future_timestamp",
                "transaction_timestamp");
        expectProblem("{\"product_id\": \"P1\", \"qty\": 1, \"unit_price\": 1, " + ok + "}", 400, "unknown_field",
                "qty");
        expectProblem("", 400, "empty_body", null);
        expectProblem("[1, 2]", 400, "not_an_object", null);
        expectProblem("{\"store_id\": \"" + store + "\", \"transaction_timestamp\": \"" + recent()
                + "\", \"lines\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 1},"
                + " {\"product_id\": \"P|2\", \"quantity\": 0, \"unit_price\": 1}]}", 400, "invalid_format",
                "lines[1].product_id");
        expectProblem("{" + ok + ", \"lines\": null}", 400, "missing_field", "lines");
        expectProblem("{" + ok + ", \"lines\": []}", 400, "missing_field", "lines");
        expectProblem("{" + ok + ", \"lines\": [{\"product_id\": \"P1\", \"quantity\": 1, \"unit_price\": 1},"
                + " null]}", 400, "missing_field", "lines[1]");
        assertThat(events(store, 0)).isEmpty();
    }

    private void expectProblem(String body, int status, String code, String field) {
        WebTestClient.BodyContentSpec spec = client.post().uri("/api/data/pos/transaction")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.instance").isEqualTo("/api/data/pos/transaction")
                .jsonPath("$.request_id").exists()
                .jsonPath("$.errors[?(@.code == '" + code + "')]").exists();
        if (field != null) {
            spec.jsonPath("$.errors[?(@.code == '" + code + "')].field").isEqualTo(field);
        }
    }

    @Test
    void oversizedTransactionsAndForeignCharsetsAreRefused() {
        String huge = "{\"product_id\": \"" + "x".repeat(300 * 1024) + "\"}";
        client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/data/pos/transaction")
                .contentType(MediaType.parseMediaType("application/json;charset=ISO-8859-1")).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/data/pos/batch").contentType(MediaType.APPLICATION_XML).bodyValue("<a/>")
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aCsvBatchIsPartiallyAcceptedAndRefusedRowsGoToTheDeadLetterTopic() {
        String store = store();
        String ts = recent();
        String csv = HEADER
                + store + "-1,1," + store + ",P1,3,2.50,EUR," + ts + ",false,store,\n"       // row 1 ok
                + store + "-1,2," + store + ",P2,1,4.00,,"   + ts + ",true,online,XL\n"      // row 2 ok, default EUR
                + store + "-2,1," + store + ",P1,2,-1.00,EUR," + ts + ",,,\n"               // row 3 negative price
                + store + "-3,1," + store + ",P3,1,1.00,XXQ," + ts + ",,,\n"                // row 4 unknown currency
                + store + "-1,1," + store + ",P1,3,2.50,EUR," + ts + ",false,store,\n"       // row 5 repeat of row 1
                + store + "-4,1," + store + ",P4,abc,1.00,EUR," + ts + ",,,\n"              // row 6 wrong type
                + ",," + store + ",P5,1,1.00,EUR,2024-02-01T00:00:00Z,,,\n";                 // row 7 ok, id assigned
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(csv).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.format").isEqualTo("csv")
                .jsonPath("$.rows").isEqualTo(7)
                .jsonPath("$.accepted").isEqualTo(3)
                .jsonPath("$.rejected").isEqualTo(4)
                .jsonPath("$.late").isEqualTo(1)
                .jsonPath("$.rejected_rows[0].row").isEqualTo(3)
                .jsonPath("$.rejected_rows[0].reason").isEqualTo("negative_price")
                .jsonPath("$.rejected_rows[1].reason").isEqualTo("unknown_currency")
                .jsonPath("$.rejected_rows[2].reason").isEqualTo("duplicate_in_batch")
                .jsonPath("$.rejected_rows[2].errors[0].message").isEqualTo(
                        "same transaction_id and line_number as row 1")
                .jsonPath("$.rejected_rows[3].errors[0].field").isEqualTo("quantity");

        List<EventEnvelope<PosTransaction>> events = events(store, 3);
        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.payload().productId()).containsExactlyInAnyOrder("P1", "P2", "P5");
        PosTransaction assigned = events.stream().filter(e -> e.payload().productId().equals("P5")).findFirst()
                .orElseThrow().payload();
        assertThat(assigned.transactionId()).endsWith("-7");

        // the retry of the whole file adds nothing
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(csv).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1)    // row 7 got a new batch id, hence a new id
                .jsonPath("$.duplicates").isEqualTo(3)               // rows 1, 2 and 5 (5 repeats 1)
                .jsonPath("$.rejected").isEqualTo(3);
    }

    @Test
    void deadLetteredRowsKeepTheirPayloadReasonAndHeader() {
        String store = store();
        String csv = HEADER + store + "-1,1," + store + ",P1,1,1.00,XXQ," + recent() + ",,,\n"
                + store + "-2,1," + store + ",P1,1,1.00,EUR," + recent() + ",,,\n";
        String report = client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(csv).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<RejectedRecord> dead = deadLetters(batchIdOf(report));
        assertThat(dead).hasSize(1);
        RejectedRecord record = dead.get(0);
        assertThat(record.row()).isEqualTo(1);
        assertThat(record.reason()).isEqualTo("unknown_currency");
        assertThat(record.payload()).contains("XXQ").contains(store + "-1");
        assertThat(record.csvHeader()).startsWith("transaction_id,line_number,store_id");
        assertThat(record.format()).isEqualTo("csv");
        assertThat(record.seriesKey()).isEqualTo(store + "|P1");
    }

    @Test
    void batchesWithAWrongHeaderNoRowsOrNoValidRowAreRefused() {
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue("sku,store,qty\nP1,S1,1\n").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("invalid_header")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("missing product_id")
                        .contains("unknown sku"));
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(HEADER).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("empty_batch");
        client.post().uri("/api/data/pos/batch").contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isBadRequest();
        client.post().uri("/api/data/pos/batch").contentType(MediaType.APPLICATION_JSON).bodyValue("").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("empty_body");
        String store = store();
        client.post().uri("/api/data/pos/batch").contentType(CSV)
                .bodyValue(HEADER + "a,1," + store + ",P1,1,1.00,XXQ," + recent() + ",,,\n").exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].row").isEqualTo(1)
                .jsonPath("$.errors[0].code").isEqualTo("unknown_currency");
    }

    @Test
    void aBodyThatIsNotUtf8StopsWhereItBreaksAndKeepsTheRowsDecodedBefore() {
        String store = store();
        StringBuilder good = new StringBuilder(HEADER);
        for (int i = 1; i <= 400; i++) { // more than the decoder's read-ahead, so the fault lies beyond it
            good.append(store).append("-").append(i).append(",1,").append(store).append(",P1,1,1.00,EUR,")
                    .append(recent()).append(",,,\n");
        }
        byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = (store + "-x,1," + store + ",Caf\u00e9,1,1.00,EUR," + recent() + ",,,\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + bad.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        Number accepted = (Number) com.jayway.jsonpath.JsonPath.read(client.post().uri("/api/data/pos/batch")
                .contentType(CSV).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("\"code\":\"not_utf8\""))
                .returnResult().getResponseBody(), "$.report.accepted");
        // whatever was decoded before the fault was processed, and only that
        assertThat(accepted.intValue()).isBetween(1, 400);
        assertThat(events(store, accepted.intValue())).hasSize(accepted.intValue());
    }

    @Test
    void aJsonBatchStreamsRowsAndReportsMalformedJsonWithTheRowsProcessedBeforeIt() {
        String store = store();
        String line = "{\"product_id\": \"P%d\", \"store_id\": \"" + store
                + "\", \"quantity\": 1, \"unit_price\": 1.25, \"transaction_timestamp\": \"" + recent() + "\"}";
        String okBatch = "[" + line.formatted(1) + ", " + line.formatted(2) + ", 42]";
        client.post().uri("/api/data/pos/batch").contentType(MediaType.APPLICATION_JSON).bodyValue(okBatch)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(2).jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.rejected_rows[0].reason").isEqualTo("not_an_object");
        String broken = "[" + line.formatted(3) + ", {\"product_id\": ]";
        client.post().uri("/api/data/pos/batch").contentType(MediaType.APPLICATION_JSON).bodyValue(broken)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("malformed_json")
                .jsonPath("$.errors[0].row").isEqualTo(2)
                .jsonPath("$.report.accepted").isEqualTo(1);
        assertThat(events(store, 3)).hasSize(3);
    }

    @Test
    void aBatchThatRefusesManyOfAStoresRowsRaisesADataQualityAlert() {
        String store = store();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 20; i++) {
            csv.append(store).append("-").append(i).append(",1,").append(store).append(",P1,1,1.00,")
                    .append(i <= 12 ? "XXQ" : "EUR").append(",").append(recent()).append(",,,\n");
        }
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(csv.toString()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.rejected").isEqualTo(12);
        List<DataQualityAlert> alerts = alerts(store);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).rows()).isEqualTo(20);
        assertThat(alerts.get(0).rejected()).isEqualTo(12);
        assertThat(alerts.get(0).rejectedShare()).isEqualTo(0.6);
        assertThat(alerts.get(0).severity()).isEqualTo("critical");
        assertThat(alerts.get(0).rejectedByReason()).containsEntry("unknown_currency", 12L);
    }

    @Test
    void aLineOlderThanItsSeriesLatestCountsAsOutOfOrderAndAnOldOneAsLate() {
        String store = store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String csv = HEADER
                + store + "-1,1," + store + ",P1,1,1.00,EUR," + now.minusSeconds(60) + ",,,\n"
                + store + "-2,1," + store + ",P1,1,1.00,EUR," + now.minusSeconds(120) + ",,,\n"   // earlier: out of order
                + store + "-3,1," + store + ",P2,1,1.00,EUR," + now.minus(2, ChronoUnit.DAYS) + ",,,\n"; // late
        client.post().uri("/api/data/pos/batch").contentType(CSV).bodyValue(csv).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(3)
                .jsonPath("$.out_of_order").isEqualTo(1)
                .jsonPath("$.late").isEqualTo(1);
    }

    @Test
    void theRequestIdIsEchoedAndCarriedIntoTheLogs(CapturedOutput output) {
        String requestId = "req-" + UUID.randomUUID();
        client.post().uri("/api/data/pos/batch").header("X-Request-Id", requestId).contentType(CSV)
                .bodyValue(HEADER + store() + "-1,1," + store() + ",P1,1,1.00,EUR," + recent() + ",,,\n").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", requestId);
        assertThat(output.getOut()).containsPattern("request_id=" + requestId + "\\] .*batch .* answered 200");
    }

    @Test
    void exposesProbesAndIngestionMetrics() {
        ActuatorContract.assertProbesAndMetrics(client, "ingestion-service");
        client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"product_id\": \"P1\", \"store_id\": \"" + store() + "\", \"quantity\": 1,"
                        + " \"unit_price\": 1, \"transaction_timestamp\": \"" + recent() + "\"}")
                .exchange().expectStatus().isCreated();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("stockflow_ingestion_lines_total{")
                        .contains("outcome=\"accepted\"")
                        .contains("stockflow_ingestion_chunk_seconds"));
    }

}
