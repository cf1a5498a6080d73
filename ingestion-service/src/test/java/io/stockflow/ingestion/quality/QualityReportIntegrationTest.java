package io.stockflow.ingestion.quality;

import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@IntegrationTest
class QualityReportIntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void reportsOutcomesReasonsPriceOutliersAndQuantitySpikesOfAStore() {
        String store = "Q-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        StringBuilder csv = new StringBuilder("store_id,product_id,quantity,unit_price,currency,"
                + "transaction_timestamp\n");
        for (int d = 30; d >= 1; d--) {
            Instant noon = today.minusDays(d).atTime(12, 0).toInstant(ZoneOffset.UTC);
            csv.append(store).append(",P1,").append(4 + d % 3).append(",").append(d % 2 == 0 ? "10.00" : "10.10")
                    .append(",EUR,").append(noon).append('\n');
        }
        csv.append(store).append(",P1,60,10.00,EUR,").append(now).append('\n');        // a spike
        csv.append(store).append(",P1,1,1000.00,EUR,").append(now).append('\n');      // a typo'd price
        csv.append(store).append(",P1,1,10.00,XXQ,").append(now).append('\n');        // refused
        client.post().uri("/api/data/pos/batch").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.toString()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(32).jsonPath("$.late").isEqualTo(30);

        client.get().uri(b -> b.path("/api/data/quality")
                        .queryParam("from", today.atStartOfDay().toInstant(ZoneOffset.UTC))
                        .queryParam("to", Instant.now().plus(1, ChronoUnit.HOURS))
                        .queryParam("store_id", store).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totals.received").isEqualTo(33)
                .jsonPath("$.totals.accepted").isEqualTo(32)
                .jsonPath("$.totals.rejected").isEqualTo(1)
                .jsonPath("$.totals.duplicates").isEqualTo(0)
                .jsonPath("$.totals.acceptance_rate").isEqualTo(0.9697)
                .jsonPath("$.totals.late").isEqualTo(30)
                .jsonPath("$.rejected_by_reason.unknown_currency").isEqualTo(1)
                .jsonPath("$.per_store[0].store_id").isEqualTo(store)
                .jsonPath("$.anomalies.price_outliers.length()").isEqualTo(1)
                .jsonPath("$.anomalies.price_outliers[0].observed_price").isEqualTo(1000.0)
                .jsonPath("$.anomalies.quantity_spikes.length()").isEqualTo(1)
                .jsonPath("$.anomalies.quantity_spikes[0].units").isEqualTo(61.0)
                .jsonPath("$.anomalies.quantity_spikes[0].baseline_median_units").isEqualTo(5.0);
    }

    @Test
    void refusesAnInvalidWindow() {
        client.get().uri("/api/data/quality?from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        client.get().uri("/api/data/quality?from=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
