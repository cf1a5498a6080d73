package io.stockflow.forecasting.segment;

import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SegmentIntegrationTest {

    @Autowired
    WebTestClient client;

    private final String store = "S-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void fastSeasonalAndSlowIntermittentItemsFallInTheirOwnSegments() {
        StringBuilder csv = new StringBuilder("store_id,product_id,date,units_sold,units_returned,promo_units,revenue\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        int[] week = {30, 28, 29, 33, 45, 60, 20};
        for (int day = 0; day < 112; day++) {
            LocalDate date = start.plusDays(day);
            for (String fast : new String[] {"F1", "F2"}) {
                int units = week[day % 7] + (fast.equals("F2") ? 3 : 0);
                csv.append(store).append(',').append(fast).append(',').append(date).append(',').append(units)
                        .append(",0,0,").append(units * 10).append('\n');
            }
            for (String slow : new String[] {"L1", "L2"}) {
                int units = day % (slow.equals("L1") ? 9 : 11) == 0 ? 1 : 0;
                csv.append(store).append(',').append(slow).append(',').append(date).append(',').append(units)
                        .append(",0,0,").append(units * 2).append('\n');
            }
        }
        client.post().uri("/api/ml/history").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.toString()).exchange().expectStatus().isOk();

        JsonNode report = client.get().uri("/api/ml/segments?k=2&store_id={s}", store).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(report.get("clusters")).hasSize(2);
        assertThat(report.get("series")).hasSize(4);
        for (JsonNode series : report.get("series")) {
            boolean fast = series.get("product_id").asString().startsWith("F");
            assertThat(series.get("cluster").asInt()).isEqualTo(fast ? 1 : 0);
            assertThat(series.get("abc").asString()).isEqualTo(fast ? "A" : "C");
            if (fast) {
                // One unit every 9 or 11 days is steady week to week too: XYZ says nothing about intermittency.
                assertThat(series.get("xyz").asString()).isEqualTo("X");
            }
            assertThat(series.get("demand_pattern").asString()).isEqualTo(fast ? "smooth" : "intermittent");
            assertThat(series.get("profile").get("seasonality").asDouble()).isGreaterThan(fast ? 0.9 : -1);
        }
        assertThat(report.get("counts").get("abc").get("A").asInt()).isEqualTo(2);

        client.get().uri("/api/ml/segments?k=0&window_days=7").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("k")
                .jsonPath("$.errors[1].field").isEqualTo("window_days");
    }
}
