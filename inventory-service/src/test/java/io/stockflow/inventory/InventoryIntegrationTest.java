package io.stockflow.inventory;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.common.forecast.LeadTimeTotal;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.inventory.ReorderRecommended;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.security.Role;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.KafkaTestConsumer;
import io.stockflow.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From POS events, receipts and forecasts to positions, alerts, recommendations and purchase orders. */
@IntegrationTest
@TestPropertySource(properties = {"stockflow.inventory.evaluation-interval=300ms",
        "stockflow.inventory.outbox-interval=200ms"})
class InventoryIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private final EventCodec codec = new EventCodec();
    private final String store = "S-" + UUID.randomUUID().toString().substring(0, 8);

    private void supplier(String id, int leadTimeDays) {
        client.put().uri("/api/inventory/suppliers/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Acme " + id, "lead_time_days", leadTimeDays, "ordering_cost", 50,
                        "currency", "EUR"))
                .exchange().expectStatus().isOk();
    }

    /** Unit cost 4, ordering cost 50 (the supplier's), holding 25% a year, fill rate 95%, MOQ 20, packs of 12. */
    private JsonNode item(String product, String supplier) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("supplier_id", supplier);
        terms.put("unit_cost", 4);
        terms.put("unit_price", 9.5);
        terms.put("currency", "EUR");
        terms.put("holding_cost_rate", 0.25);
        terms.put("min_order_quantity", 20);
        terms.put("pack_size", 12);
        terms.put("target_fill_rate", 0.95);
        return client.put().uri("/api/inventory/items/{s}/{p}", store, product).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(terms).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }

    private void sell(String product, String transactionId, int quantity) {
        PosTransaction line = new PosTransaction(transactionId, 1, store, product, null, new BigDecimal(quantity),
                new BigDecimal("9.50"), "EUR", Instant.now(), false, null);
        kafka.send(Topics.POS_TRANSACTIONS.name(), line.seriesKey().toString(), codec.encode(new EventEnvelope<>(
                line.eventId(), EventTypes.POS_TRANSACTION_RECORDED, 1, Instant.now(), "test", line)));
        kafka.flush();
    }

    /** 10 a day for 28 days; the 7-day total's P10/P50/P90 are 60/70/82. */
    private void forecast(String product, long version) {
        List<ForecastDay> days = new ArrayList<>();
        for (int day = 0; day < 28; day++) {
            days.add(new ForecastDay(TODAY.plusDays(day), 10, Map.of("p10", 6.0, "p50", 10.0, "p90", 14.0)));
        }
        List<LeadTimeTotal> totals = List.of(
                new LeadTimeTotal(7, 70, Map.of("p10", 60.0, "p50", 70.0, "p90", 82.0)),
                new LeadTimeTotal(14, 140, Map.of("p10", 126.0, "p50", 140.0, "p90", 157.0)),
                new LeadTimeTotal(28, 280, Map.of("p10", 260.0, "p50", 280.0, "p90", 304.0)));
        ForecastUpdated forecast = new ForecastUpdated(store, product, version, "ensemble", TODAY.minusDays(1),
                List.of("p10", "p50", "p90"), days, totals, Map.of("ets", 1.0));
        kafka.send(Topics.FORECASTS_UPDATED.name(), store + "|" + product, codec.encode(new EventEnvelope<>(
                UUID.randomUUID(), EventTypes.FORECAST_UPDATED, 1, Instant.now(), "test", forecast)));
        kafka.flush();
    }

    private JsonNode position(String product) {
        return client.get().uri("/api/inventory/current/{s}/{p}", store, product).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode post(String path, Object body, String idempotencyKey, int status) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class)
                .returnResult().getResponseBody();
    }

    private List<EventEnvelope<InventoryAlert>> alerts(String product, int expected) {
        return KafkaTestConsumer.read(Topics.INVENTORY_ALERTS.name(), record -> record.key().equals(store + "|" + product),
                expected, Duration.ofSeconds(20)).stream()
                .map(record -> codec.decode(record.value(), InventoryAlert.class)).toList();
    }

    @Test
    void salesAndForecastsRaiseAlertsOnceAndARecommendationBecomesAPurchaseOrder() {
        supplier("SUP-A", 7);
        item("P1", "SUP-A");
        post("/api/inventory/receipts", Map.of("receipts", List.of(Map.of("store_id", store, "product_id", "P1",
                "quantity", 100))), "opening-" + store, 200);
        // A retried request books nothing twice.
        JsonNode again = post("/api/inventory/receipts", Map.of("receipts", List.of(Map.of("store_id", store,
                "product_id", "P1", "quantity", 100))), "opening-" + store, 200);
        assertThat(again.get("duplicates").asLong()).isEqualTo(1);

        sell("P1", "T-" + store + "-1", 20);
        sell("P1", "T-" + store + "-1", 20); // redelivered: the same event id
        sell("P1", "T-" + store + "-2", 15);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(position("P1").get("on_hand").decimalValue()).isEqualByComparingTo("65"));

        forecast("P1", 3);
        // Q = EOQ √(2·3650·50 / (0.25·4)) = 604.2 → 51 packs = 612; lead-time demand 70 > available 65, so the
        // order goes up to r + Q: 70 + 612 − 65 = 617 → 52 packs = 624. Stock runs out on day 6 < lead time 7.
        List<ConsumerRecord<String, byte[]>> recommendations = KafkaTestConsumer.read(Topics.REORDER_RECOMMENDED.name(),
                record -> record.key().equals(store + "|P1"), 1, Duration.ofSeconds(20));
        assertThat(recommendations).hasSize(1);
        ReorderRecommended recommended = codec.decode(recommendations.get(0).value(), ReorderRecommended.class)
                .payload();
        assertThat(recommended.quantity()).isEqualTo(624);
        assertThat(recommended.urgency()).isEqualTo("critical");
        assertThat(recommended.reorderPoint()).isCloseTo(70, org.assertj.core.data.Offset.offset(0.01));
        assertThat(recommended.projectedStockoutDate()).isEqualTo(TODAY.plusDays(6));

        sell("P1", "T-" + store + "-3", 1); // still in alert: nothing is raised again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(position("P1").get("on_hand").decimalValue()).isEqualByComparingTo("64"));
        List<EventEnvelope<InventoryAlert>> raised = alerts("P1", 2);
        assertThat(raised).extracting(event -> event.payload().kind())
                .containsExactlyInAnyOrder("stockout_risk", "below_reorder_point");
        assertThat(raised).allMatch(event -> event.type().equals(EventTypes.INVENTORY_ALERT_RAISED));

        JsonNode answer = post("/api/inventory/reorder/recommendations", Map.of("store_ids", List.of(store),
                "create_drafts", true), null, 200);
        JsonNode line = answer.get("recommendations").get(0);
        assertThat(line.get("quantity").asDouble()).isEqualTo(624); // one more unit sold: 70 + 612 − 64 = 618 → 52 packs
        assertThat(line.get("numbers").get("lead_time_demand").asDouble()).isCloseTo(70,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(line.get("numbers").get("demand_distribution").asString()).isEqualTo("forecast_quantiles");
        JsonNode order = answer.get("purchase_orders").get(0);
        String id = order.get("purchase_order_id").asString();
        assertThat(order.get("status").asString()).isEqualTo("draft");
        assertThat(order.get("origin").asString()).isEqualTo("reorder_recommendation");
        JsonNode retried = post("/api/inventory/reorder/recommendations", Map.of("store_ids", List.of(store),
                "create_drafts", true), null, 200);
        assertThat(retried.get("purchase_orders").get(0).get("purchase_order_id").asString()).isEqualTo(id);

        post("/api/inventory/purchase-orders/" + id + "/approve", Map.of(), null, 200);
        JsonNode twice = post("/api/inventory/purchase-orders/" + id + "/approve", Map.of(), null, 409);
        assertThat(twice.get("detail").asString()).contains("is approved");
        JsonNode sent = post("/api/inventory/purchase-orders/" + id + "/send", Map.of(), null, 200);
        assertThat(sent.get("expected_at").asString()).isEqualTo(TODAY.plusDays(7).toString());
        assertThat(position("P1").get("on_order").decimalValue()).isEqualByComparingTo("624");

        // On order again: both conditions end, each cleared once.
        List<EventEnvelope<InventoryAlert>> all = alerts("P1", 4);
        assertThat(all).filteredOn(event -> event.type().equals(EventTypes.INVENTORY_ALERT_CLEARED)).hasSize(2);

        JsonNode receipt = post("/api/inventory/receipts", Map.of("receipts", List.of(Map.of("store_id", store,
                "product_id", "P1", "quantity", 300, "purchase_order_id", id))), "po-" + id, 200);
        assertThat(receipt.get("purchase_order_statuses").get(0).asString()).endsWith("partially_received");
        JsonNode partly = position("P1");
        assertThat(partly.get("on_hand").decimalValue()).isEqualByComparingTo("364");
        assertThat(partly.get("on_order").decimalValue()).isEqualByComparingTo("324");
        JsonNode closed = post("/api/inventory/purchase-orders/" + id + "/close", Map.of(), null, 200);
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(position("P1").get("on_order").decimalValue()).isEqualByComparingTo("0");

        JsonNode supplier = client.get().uri("/api/inventory/suppliers/SUP-A").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(supplier.get("learned_lead_times").findValuesAsString("store_id")).contains(store);

        JsonNode trail = client.get().uri("/api/inventory/audit?entity_type=purchase_order&entity_id=" + id)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(trail.get("entries").findValuesAsString("action")).containsExactly("purchase_order.closed",
                "purchase_order.partially_received", "purchase_order.sent", "purchase_order.approved",
                "purchase_order.created");
        assertThat(trail.get("entries").get(3).get("actor").asString()).isEqualTo("test-admin");
        JsonNode decisions = client.get().uri("/api/inventory/audit?entity_type=item&entity_id={id}", store + "|P1")
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(decisions.get("entries").findValuesAsString("action")).contains("item.created",
                "policy.recomputed", "alert.raised", "alert.cleared", "reorder.recommended");

        String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String service = "application=\"inventory-service\",";
        assertThat(metrics)
                .contains("stockflow_inventory_operation_seconds_count{" + service
                        + "operation=\"receipts\",outcome=\"success\"}")
                .contains("stockflow_inventory_alerts_total{" + service + "change=\"raised\"}")
                .contains("stockflow_inventory_pos_events_total{" + service + "outcome=\"duplicate\"}");
    }

    @Test
    void badInputIsRefusedWithFieldsAndRowsAndBooksNothing() {
        supplier("SUP-B", 5);
        item("P2", "SUP-B");
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("supplier_id", "SUP-B");
        terms.put("unit_cost", -1);
        terms.put("currency", "EUR");
        terms.put("holding_cost_rate", 0.2);
        terms.put("target_fill_rate", 1.0);
        JsonNode problem = client.put().uri("/api/inventory/items/{s}/P3", store)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(terms).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("unit_cost",
                "target_fill_rate");
        terms.put("unit_cost", 1);
        terms.put("target_fill_rate", 0.9);
        terms.put("supplier_id", "NOPE");
        JsonNode unknown = client.put().uri("/api/inventory/items/{s}/P3", store)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(terms).exchange()
                .expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(unknown.get("errors").get(0).get("code").asString()).isEqualTo("unknown_supplier");

        JsonNode rows = post("/api/inventory/receipts", Map.of("receipts", List.of(
                Map.of("store_id", store, "product_id", "P2", "quantity", 5),
                Map.of("store_id", store, "product_id", "P2", "quantity", -3),
                Map.of("store_id", store, "product_id", "UNKNOWN", "quantity", 1))), null, 400);
        assertThat(rows.get("errors").findValues("row")).extracting(JsonNode::asInt).containsExactly(2, 3);
        assertThat(position("P2").get("on_hand").decimalValue()).isEqualByComparingTo("0");

        JsonNode adjustment = post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("store_id", store, "product_id", "P2", "quantity", 4, "counted_quantity", 3,
                        "reason", "count"))), null, 400);
        assertThat(adjustment.get("errors").get(0).get("field").asString()).isEqualTo("quantity");
        JsonNode sort = client.get().uri("/api/inventory/current?sort=price;drop table").exchange()
                .expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(sort.get("errors").get(0).get("field").asString()).isEqualTo("sort");

        JsonNode viewer = client.post().uri("/api/inventory/reorder/recommendations")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(Role.ANALYST))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("create_drafts", true)).exchange()
                .expectStatus().isForbidden().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(viewer.get("detail").asString()).contains("PLANNER");
    }

    @Test
    void idempotencyKeysFollowTheOneRuleOfEveryStockflowService() {
        supplier("SUP-K", 4);
        item("P6", "SUP-K");
        String other = store + "-B";
        Map<String, Object> movements = Map.of(
                "/api/inventory/adjustments", Map.of("adjustments", List.of(Map.of("store_id", store,
                        "product_id", "P6", "quantity", 5, "reason", "found"))),
                "/api/inventory/transfers", Map.of("transfers", List.of(Map.of("from_store_id", store,
                        "to_store_id", other, "product_id", "P6", "quantity", 1))),
                "/api/inventory/allocations", Map.of("allocations", List.of(Map.of("store_id", store,
                        "product_id", "P6", "quantity", 1))),
                "/api/inventory/receipts", Map.of("receipts", List.of(Map.of("store_id", store,
                        "product_id", "P6", "quantity", 5))));
        movements.forEach((path, body) -> {
            for (String key : List.of("two words", "x".repeat(256), "caf\u00e9")) {
                client.post().uri(path).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body).exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                        .jsonPath("$.instance").isEqualTo(path)
                        .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                        .jsonPath("$.errors[0].code").isEqualTo("invalid_format")
                        .jsonPath("$.errors[0].message").isEqualTo("must be 1 to 255 visible ASCII characters");
            }
        });
        JsonNode booked = client.get().uri("/api/inventory/movements/{s}/P6", store).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(booked.size()).isZero();

        // Purchase orders took up to 200 characters of anything; now the one rule: up to 255 visible ASCII ones.
        Map<String, Object> order = Map.of("supplier_id", "SUP-K", "store_id", store,
                "lines", List.of(Map.of("product_id", "P6", "quantity", 12)));
        String longest = store + "-" + "k".repeat(255 - store.length() - 1);
        JsonNode created = post("/api/inventory/purchase-orders", order, longest, 201);
        JsonNode repeated = post("/api/inventory/purchase-orders", order, longest, 200);
        assertThat(repeated.get("purchase_order_id").asString())
                .isEqualTo(created.get("purchase_order_id").asString());
        JsonNode tooLong = post("/api/inventory/purchase-orders", order, longest + "k", 400);
        assertThat(tooLong.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(tooLong.get("errors").get(0).get("code").asString()).isEqualTo("invalid_format");
    }

    @Test
    void countsTransfersAndAllocationsMoveTheRightStockAndPositionsFilterSortAndPage() {
        supplier("SUP-C", 3);
        item("P4", "SUP-C");
        item("P5", "SUP-C");
        String other = store + "-B";
        client.put().uri("/api/inventory/items/{s}/P4", other).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("supplier_id", "SUP-C", "unit_cost", 4, "currency", "EUR", "holding_cost_rate", 0.25,
                        "target_fill_rate", 0.95)).exchange().expectStatus().isOk();
        post("/api/inventory/receipts", Map.of("receipts", List.of(
                Map.of("store_id", store, "product_id", "P4", "quantity", 50),
                Map.of("store_id", store, "product_id", "P5", "quantity", 8))), null, 200);
        JsonNode counted = post("/api/inventory/adjustments", Map.of("adjustments", List.of(Map.of("store_id", store,
                "product_id", "P4", "counted_quantity", 47, "reason", "count"))), "count-" + store, 200);
        assertThat(counted.get("recorded").asLong()).isEqualTo(1);
        post("/api/inventory/adjustments", Map.of("adjustments", List.of(Map.of("store_id", store,
                "product_id", "P4", "counted_quantity", 47, "reason", "count"))), "count-" + store, 200);
        post("/api/inventory/transfers", Map.of("transfers", List.of(Map.of("from_store_id", store,
                "to_store_id", other, "product_id", "P4", "quantity", 7))), null, 200);
        post("/api/inventory/allocations", Map.of("allocations", List.of(Map.of("store_id", store,
                "product_id", "P4", "quantity", 10))), null, 200);
        JsonNode release = post("/api/inventory/allocations", Map.of("allocations", List.of(Map.of("store_id", store,
                "product_id", "P4", "quantity", -11))), null, 400);
        assertThat(release.get("errors").get(0).get("code").asString()).isEqualTo("exceeds_allocated");

        JsonNode p4 = position("P4");
        assertThat(p4.get("on_hand").decimalValue()).isEqualByComparingTo("40");
        assertThat(p4.get("allocated").decimalValue()).isEqualByComparingTo("10");
        assertThat(p4.get("available").decimalValue()).isEqualByComparingTo("30");
        JsonNode page = client.get().uri("/api/inventory/current?store_id={a},{b}&sort=available,desc&size=2",
                        store, other)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("positions").findValuesAsString("product_id")).containsExactly("P4", "P5");
        assertThat(page.get("positions").get(1).get("available").decimalValue()).isEqualByComparingTo("8");
        JsonNode second = client.get().uri("/api/inventory/current?store_id={a},{b}&sort=available,desc&size=2&page=1",
                        store, other)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(second.get("positions").get(0).get("store_id").asString()).isEqualTo(other);
        assertThat(second.get("positions").get(0).get("on_hand").decimalValue()).isEqualByComparingTo("7");

        JsonNode movements = client.get().uri("/api/inventory/movements/{s}/P4", store).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(movements.findValuesAsString("kind")).containsExactlyInAnyOrder("receipt", "adjustment",
                "transfer_out", "allocation");
    }

    @Test
    void whatIfSimulationComparesPoliciesOnTheItemsForecastAndRefusesWhatItCannotSimulate() {
        supplier("SUP-D", 7);
        item("P6", "SUP-D");
        post("/api/inventory/receipts", Map.of("receipts", List.of(Map.of("store_id", store, "product_id", "P6",
                "quantity", 120))), null, 200);
        forecast("P6", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(position("P6").has("reorder_point")).isTrue());

        Map<String, Object> viral = Map.of("demand_windows", List.of(Map.of("from_day", 20, "to_day", 26,
                "factor", 4, "anticipated", false)));
        JsonNode answer = post("/api/inventory/simulate", Map.of("items", List.of(Map.of("store_id", store,
                "product_id", "P6")), "days", 120, "seed", 7, "replications", 2, "scenario", viral), null, 200);
        JsonNode policies = answer.get("result").get("policies");
        assertThat(policies.findValuesAsString("policy")).containsExactly("OPTIMISED", "NAIVE", "MIN_MAX",
                "Q_LEARNING");
        for (JsonNode policy : policies) {
            JsonNode total = policy.get("total");
            assertThat(total.get("units_demanded").asDouble()).isGreaterThan(1_000);
            assertThat(total.get("fill_rate").asDouble()).isBetween(0.0, 1.0);
            assertThat(total.get("holding_cost").asDouble()).isPositive();
        }
        JsonNode again = post("/api/inventory/simulate", Map.of("items", List.of(Map.of("store_id", store,
                "product_id", "P6")), "days", 120, "seed", 7, "replications", 2, "scenario", viral), null, 200);
        assertThat(again.get("result")).isEqualTo(answer.get("result"));

        JsonNode unknown = post("/api/inventory/simulate", Map.of("items", List.of(
                Map.of("store_id", store, "product_id", "P6"), Map.of("store_id", store, "product_id", "NOPE"))),
                null, 400);
        assertThat(unknown.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(unknown.get("errors").get(0).get("code").asString()).isEqualTo("unknown_item");
        JsonNode days = post("/api/inventory/simulate", Map.of("items", List.of(Map.of("store_id", store,
                "product_id", "P6")), "days", 0), null, 400);
        assertThat(days.get("errors").get(0).get("field").asString()).isEqualTo("days");
    }

    @Test
    void optimisationUnderABudgetPricesItAndExplainsWhenItCannotBeMet() {
        supplier("SUP-E", 7);
        item("P7", "SUP-E");
        item("P8", "SUP-E");
        forecast("P7", 1);
        forecast("P8", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(position("P7").has("reorder_point")).isTrue();
            assertThat(position("P8").has("reorder_point")).isTrue();
        });
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("store_ids", List.of(store));
        scope.put("product_ids", List.of("P7", "P8"));
        scope.put("objective", "cost");
        JsonNode free = post("/api/inventory/optimize", scope, null, 200);
        assertThat(free.get("items")).hasSize(2);
        assertThat(free.get("items").get(0).get("demand_distribution").asString()).isEqualTo("forecast_quantiles");
        double investment = free.get("totals").get("average_inventory_value").asDouble();

        scope.put("constraints", Map.of("budget", 0.6 * investment));
        JsonNode bound = post("/api/inventory/optimize", scope, null, 200);
        assertThat(bound.get("binding_constraints").toString()).contains("BUDGET");
        assertThat(bound.get("budget_shadow_price").asDouble()).isPositive();
        assertThat(bound.get("totals").get("average_inventory_value").asDouble()).isLessThanOrEqualTo(0.6 * investment);
        assertThat(bound.get("totals").get("total_cost").asDouble())
                .isGreaterThan(free.get("totals").get("total_cost").asDouble());

        scope.put("constraints", Map.of("budget", 10, "min_service_level", 0.99));
        JsonNode infeasible = client.post().uri("/api/inventory/optimize").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(scope).exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(infeasible.get("type").asString()).endsWith("/infeasible-constraints");
        assertThat(infeasible.get("resource").asString()).isEqualTo("constraints.budget");
        assertThat(infeasible.get("minimum_required").asDouble()).isGreaterThan(10);
        assertThat(infeasible.get("largest_needs").get(0).get("item").asString()).startsWith(store + "|P");

        // A late event of an older model version never replaces the newer forecast.
        forecast("P8", 9);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(post(
                "/api/inventory/reorder/recommendations", Map.of("store_ids", List.of(store), "product_ids",
                        List.of("P8"), "include_all", true), null, 200).get("recommendations").get(0).get("numbers")
                .get("forecast_model_version").asLong()).isEqualTo(9));
        double skippedBefore = skippedForecasts();
        forecast("P8", 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> skippedForecasts() > skippedBefore);
        assertThat(post("/api/inventory/reorder/recommendations", Map.of("store_ids", List.of(store), "product_ids",
                List.of("P8"), "include_all", true), null, 200).get("recommendations").get(0).get("numbers")
                .get("forecast_model_version").asLong()).isEqualTo(9);

        scope.put("objective", "service");
        scope.remove("constraints");
        JsonNode service = post("/api/inventory/optimize", scope, null, 400);
        assertThat(service.get("errors").get(0).get("field").asString()).isEqualTo("objective");
        scope.put("objective", "cost");
        scope.put("constraints", Map.of("min_service_level", 1.5));
        JsonNode level = post("/api/inventory/optimize", scope, null, 400);
        assertThat(level.toString()).contains("min_service_level");
    }

    /** Forecast events consumed without effect: duplicates, or older than the forecast kept. */
    private double skippedForecasts() {
        String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "stockflow_inventory_forecast_events_total\\{[^}]*outcome=\"duplicate_or_older\"} ([0-9.E]+)")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
