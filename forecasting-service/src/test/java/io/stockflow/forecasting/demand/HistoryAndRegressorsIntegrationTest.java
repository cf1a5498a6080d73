package io.stockflow.forecasting.demand;

import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HistoryAndRegressorsIntegrationTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Autowired
    WebTestClient client;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private JsonNode days(String store, String product) {
        return client.get().uri("/api/ml/demand/{s}/{p}?from=2023-12-01&to=2024-12-31", store, product)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec importCsv(String csv) {
        return client.post().uri("/api/ml/history").contentType(CSV).bodyValue(csv).exchange();
    }

    @Test
    void aHistoryImportIsWhollyWrittenAndCanBeRepeated() {
        StringBuilder csv = new StringBuilder("store_id,product_id,date,units_sold,units_returned,promo_units,revenue\n");
        for (int day = 0; day < 60; day++) {
            csv.append("S-").append(run).append(",A-").append(run).append(',').append(START.plusDays(day))
                    .append(',').append(day % 7).append(",0,0,").append(day % 7 * 2).append('\n');
            csv.append("S-").append(run).append(",B-").append(run).append(',').append(START.plusDays(day))
                    .append(",3.5,1,1,7.00\n");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            importCsv(csv.toString()).expectStatus().isOk().expectBody()
                    .jsonPath("$.rows").isEqualTo(120)
                    .jsonPath("$.series").isEqualTo(2)
                    .jsonPath("$.first_day").isEqualTo("2024-01-01")
                    .jsonPath("$.last_day").isEqualTo("2024-02-29");
        }
        JsonNode b = days("S-" + run, "B-" + run);
        assertThat(b).hasSize(60);
        assertThat(b.get(0).get("units_sold").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(b.get(0).get("units_returned").decimalValue()).isEqualByComparingTo("1");

        // The imported history forecasts from its own end, not from today.
        client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("product_ids", List.of("B-" + run), "store_ids", List.of("S-" + run),
                        "forecast_horizon_days", 7, "models", List.of("croston")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.forecasts[0].history_end").isEqualTo("2024-02-29")
                .jsonPath("$.forecasts[0].daily[0].date").isEqualTo("2024-03-01")
                .jsonPath("$.forecasts[0].daily[0].point").isEqualTo(3.5);
    }

    @Test
    void aFileWithBadRowsIsRefusedWithTheirNumbersAndNothingIsWritten() {
        String csv = "store_id,product_id,date,units_sold\n"
                + "S-" + run + ",C-" + run + ",2024-01-01,4\n"
                + "S-" + run + ",C-" + run + ",2024-13-01,4\n"
                + "S-" + run + ",C-" + run + ",2024-01-03,-2\n"
                + "S|" + run + ",C-" + run + ",2024-01-04,1\n"
                + "S-" + run + ",C-" + run + ",2024-01-01,5\n";
        importCsv(csv).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.invalid_rows").isEqualTo(4)
                .jsonPath("$.errors[0].row").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("date")
                .jsonPath("$.errors[1].row").isEqualTo(3)
                .jsonPath("$.errors[1].field").isEqualTo("units_sold")
                .jsonPath("$.errors[2].row").isEqualTo(4)
                .jsonPath("$.errors[2].field").isEqualTo("store_id")
                .jsonPath("$.errors[3].row").isEqualTo(5)
                .jsonPath("$.errors[3].code").isEqualTo("duplicate_day");
        assertThat(days("S-" + run, "C-" + run)).isEmpty();

        importCsv("store,product_id,date,units_sold,colour\nS,P,2024-01-01,1\n").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("header")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("store_id")
                        .contains("colour"));
    }

    @Test
    void regressorsAreStoredPerSeriesOrForAllAndRefusedWhenMalformed() {
        String name = "holiday:xmas_" + run.replace("-", "");
        client.put().uri("/api/ml/regressors/{name}", name).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("values", List.of(Map.of("date", "2024-12-24", "value", 1),
                        Map.of("date", "2024-12-25", "value", 1))))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.days").isEqualTo(2).jsonPath("$.store_id").isEqualTo("*");
        client.get().uri("/api/ml/regressors").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.name == '" + name + "')].days").isEqualTo(List.of(2))
                .jsonPath("$[?(@.name == '" + name + "')].last_day").isEqualTo(List.of("2024-12-25"));

        client.put().uri("/api/ml/regressors/{name}", "Bad Name").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("values", List.of(Map.of("date", "2024-12-24", "value", 1),
                        Map.of("date", "2024-12-24", "value", 2))))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[1].field").isEqualTo("values[1].date");
        client.put().uri("/api/ml/regressors/{name}", name).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("store_id", "a|b", "values", List.of(Map.of("date", "2024-12-24"))))
                .exchange().expectStatus().isBadRequest();

        client.delete().uri("/api/ml/regressors/{name}", name).exchange().expectStatus().isNoContent();
        client.delete().uri("/api/ml/regressors/{name}", name).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
