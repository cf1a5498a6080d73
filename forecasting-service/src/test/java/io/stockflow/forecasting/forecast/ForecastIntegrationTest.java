package io.stockflow.forecasting.forecast;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.KafkaTestConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From POS events on Kafka to daily demand in PostgreSQL to forecasts over HTTP. */
@IntegrationTest
class ForecastIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    DemandRepository demand;

    private final EventCodec codec = new EventCodec();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private PosTransaction line(String store, String product, LocalDate day, int hour, String quantity,
                                String transactionId) {
        return new PosTransaction(transactionId, 1, store, product, null, new BigDecimal(quantity),
                new BigDecimal("2.50"), "EUR", day.atTime(hour, 15).toInstant(ZoneOffset.UTC), false, null);
    }

    private void publish(List<PosTransaction> lines) {
        for (PosTransaction line : lines) {
            EventEnvelope<PosTransaction> event = new EventEnvelope<>(line.eventId(),
                    EventTypes.POS_TRANSACTION_RECORDED, 1, Instant.now(), "test", line);
            kafka.send(Topics.POS_TRANSACTIONS.name(), line.seriesKey().toString(), codec.encode(event));
        }
        kafka.flush();
    }

    /** 70 days of weekly-patterned sales ending yesterday, one event per day. */
    private List<PosTransaction> history(String store, String product) {
        int[] week = {6, 5, 5, 6, 8, 11, 3};
        List<PosTransaction> lines = new ArrayList<>();
        for (int back = 70; back >= 1; back--) {
            LocalDate day = TODAY.minusDays(back);
            lines.add(line(store, product, day, 12, String.valueOf(week[day.getDayOfWeek().getValue() - 1]),
                    "T-" + run + "-" + product + "-" + back));
        }
        return lines;
    }

    private JsonNode days(String store, String product, LocalDate from, LocalDate to) {
        return client.get().uri("/api/ml/demand/{s}/{p}?from={f}&to={t}", store, product, from, to)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void redeliveredLateAndReturnedEventsEachCountOnceOnTheirOwnDay() {
        String store = "S-" + run;
        String product = "P-" + run;
        LocalDate day = TODAY.minusDays(3);
        PosTransaction sale = line(store, product, day, 10, "4", "T-" + run + "-sale");
        PosTransaction lateSale = line(store, product, day.minusDays(20), 23, "2", "T-" + run + "-late");
        PosTransaction giftReturn = line(store, product, day, 16, "-1", "T-" + run + "-return");
        publish(List.of(sale, sale, giftReturn, lateSale, sale));
        kafka.send(new ProducerRecord<>(Topics.POS_TRANSACTIONS.name(), store + "|" + product,
                "not json".getBytes(StandardCharsets.UTF_8)));
        kafka.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(days(store, product, day.minusDays(30), day)).hasSize(2));
        JsonNode recorded = days(store, product, day.minusDays(30), day);
        assertThat(recorded.get(0).get("date").asString()).isEqualTo(day.minusDays(20).toString());
        assertThat(recorded.get(0).get("units_sold").decimalValue()).isEqualByComparingTo("2");
        assertThat(recorded.get(1).get("units_sold").decimalValue()).isEqualByComparingTo("4");
        assertThat(recorded.get(1).get("units_returned").decimalValue()).isEqualByComparingTo("1");
        assertThat(recorded.get(1).get("revenue").decimalValue()).isEqualByComparingTo("7.50");

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestConsumer.read("pos.transactions.forecasting.dlq",
                record -> record.key().equals(store + "|" + product), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("x-dead-letter-reason").value(),
                StandardCharsets.UTF_8)).isNotBlank();
    }

    @Test
    void eventIdsAreForgottenAfterTheRetentionOnly() {
        String store = "S-" + run;
        String product = "R-" + run;
        publish(List.of(line(store, product, TODAY.minusDays(1), 9, "1", "T-" + run + "-r1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(days(store, product, TODAY.minusDays(2), TODAY)).hasSize(1));
        assertThat(demand.forgetProcessedBefore(Instant.now().minus(Duration.ofDays(1))).block()).isZero();
        assertThat(demand.forgetProcessedBefore(Instant.now().plusSeconds(1)).block()).isPositive();
    }

    @Test
    void forecastsCarryQuantilesLeadTimeTotalsAndTheMembersUsed() {
        String store = "S-" + run;
        String product = "F-" + run;
        publish(history(store, product));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(days(store, product, TODAY.minusDays(80), TODAY)).hasSize(70));

        JsonNode response = client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("product_ids", List.of(product), "store_ids", List.of(store),
                        "forecast_horizon_days", 14, "models", List.of("ensemble", "seasonal_naive")))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(response.get("quantiles").toString()).isEqualTo("[\"p10\",\"p50\",\"p90\",\"p95\",\"p99\"]");
        JsonNode forecasts = response.get("forecasts");
        assertThat(forecasts).hasSize(2);
        JsonNode ensemble = forecasts.get(0);
        assertThat(ensemble.get("model").asString()).isEqualTo("ensemble");
        assertThat(ensemble.get("history_days").asInt()).isEqualTo(70);
        assertThat(ensemble.get("history_end").asString()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(ensemble.get("daily")).hasSize(14);
        assertThat(ensemble.get("daily").get(0).get("date").asString()).isEqualTo(TODAY.toString());
        double weights = 0;
        for (JsonNode member : ensemble.get("members")) {
            weights += member.get("weight").asDouble();
        }
        assertThat(weights).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ensemble.get("backtest").get("origins").asInt()).isEqualTo(1);
        for (JsonNode day : ensemble.get("daily")) {
            JsonNode q = day.get("quantiles");
            assertThat(q.get("p10").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(q.get("p10").asDouble()).isLessThanOrEqualTo(q.get("p50").asDouble());
            assertThat(q.get("p50").asDouble()).isLessThanOrEqualTo(q.get("p90").asDouble());
            assertThat(q.get("p90").asDouble()).isLessThanOrEqualTo(q.get("p99").asDouble());
        }
        // The pattern repeats exactly, so seasonal naive repeats last week: today's weekday a week ago.
        JsonNode naive = forecasts.get(1);
        int[] week = {6, 5, 5, 6, 8, 11, 3};
        assertThat(naive.get("daily").get(0).get("point").asDouble())
                .isEqualTo(week[TODAY.getDayOfWeek().getValue() - 1]);
        JsonNode totals = naive.get("lead_time_totals");
        assertThat(totals).extracting(total -> total.get("days").asInt()).containsExactly(7, 14);
        assertThat(totals.get(0).get("point").asDouble()).isEqualTo(44);
    }

    @Test
    void badRequestsAreExplained() {
        String store = "S-" + run;
        String product = "B-" + run;
        publish(List.of(line(store, product, TODAY.minusDays(5), 9, "3", "T-" + run + "-b1"),
                line(store, product, TODAY.minusDays(2), 9, "5", "T-" + run + "-b2")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(days(store, product, TODAY.minusDays(10), TODAY)).hasSize(2));

        client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("product_ids", List.of(product, "NOPE-" + run), "store_ids", List.of(store, "X-" + run),
                        "forecast_horizon_days", 7))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.unknown_product_ids[0]").isEqualTo("NOPE-" + run)
                .jsonPath("$.unknown_store_ids[0]").isEqualTo("X-" + run);

        for (int horizon : new int[] {0, 366}) {
            client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("product_ids", List.of(product), "store_ids", List.of(store),
                            "forecast_horizon_days", horizon))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("forecast_horizon_days");
        }
        client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("product_ids", List.of(product), "store_ids", List.of(store),
                        "forecast_horizon_days", 7, "models", List.of("lstm-ish")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("models")
                .jsonPath("$.errors[0].message").value(message ->
                        assertThat((String) message).contains("lstm-ish").contains("ensemble").contains("ets"));
        client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("store_ids", List.of(store), "forecast_horizon_days", 7))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("product_ids");

        // A few days of history: too little to backtest, and the answer says what it did instead.
        JsonNode shortHistory = client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("product_ids", List.of(product), "store_ids", List.of(store),
                        "forecast_horizon_days", 7))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("forecasts").get(0);
        assertThat(shortHistory.get("note").asString()).contains("mean of the last");
        assertThat(shortHistory.get("members").get(0).get("name").asString()).isEqualTo("recent_mean");
        assertThat(shortHistory.get("daily").get(0).get("point").asDouble())
                .isCloseTo(8.0 / shortHistory.get("history_days").asInt(), org.assertj.core.api.Assertions.within(1e-9));
    }
}
