package io.stockflow.forecasting.training;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.forecasting.ForecastingProperties;
import io.stockflow.forecasting.forecast.SeriesLoader;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.GradientBoostedTrainer;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.learned.LstmTrainer;
import io.stockflow.forecasting.learned.NativeBackend;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The learned models in a training run: trained with two snapshots, versioned with their artifacts, offered to the
 * ensemble, asked for by name, reported in health, and loaded back as a restarted service would.
 */
@IntegrationTest
class LearnedModelsIntegrationTest {

    private static final LocalDate END = LocalDate.of(2024, 8, 31);
    private static final int DAYS = 220;
    private static final double[] WEEK = {0.8, 0.9, 0.9, 1.0, 1.2, 1.6, 0.6};

    @Autowired
    WebTestClient client;

    @Autowired
    ModelRegistry registry;

    @Autowired
    JsonMapper json;

    @Autowired
    LearnedModels learned;

    @Autowired
    SeriesLoader loader;

    @Autowired
    ForecastingProperties properties;

    private final String store = "L-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRunTrainsVersionsAndServesTheLearnedModels() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("store_id,product_id,date,units_sold\n");
        for (int product = 0; product < 12; product++) {
            double level = 4 + 3 * product;
            for (int day = 0; day < DAYS; day++) {
                LocalDate date = END.minusDays(DAYS - 1L - day);
                double mean = level * WEEK[date.getDayOfWeek().getValue() - 1];
                csv.append(store).append(",P").append(product).append(',').append(date).append(',')
                        .append(Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)))).append('\n');
            }
        }
        client.post().uri("/api/ml/history").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.toString()).exchange().expectStatus().isOk();

        JsonNode run = train();
        assertThat(run.get("parameters").get("members").toString()).contains("gbm", "lstm");
        assertThat(run.get("stage").asString()).isEqualTo("done");
        assertThat(run.get("metrics").get("backtest").has("gbm")).as(run.toString()).isTrue();
        assertThat(run.get("metrics").get("backtest").has("lstm")).isTrue();
        JsonNode models = run.get("learned_models");
        assertThat(models).extracting(model -> model.get("name").asString() + "/" + model.get("role").asString())
                .containsExactlyInAnyOrder("gbm/backtest", "gbm/forecast", "lstm/backtest", "lstm/forecast");
        for (JsonNode model : models) {
            LocalDate expected = model.get("role").asString().equals("backtest") ? END.minusDays(84) : END;
            assertThat(model.get("spec").get("trained_through").asString()).isEqualTo(expected.toString());
            Path file = Path.of(model.get("artifact").get("path").asString());
            byte[] bytes = Files.readAllBytes(file);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(model.get("artifact").get("sha256").asString());
        }
        assertThat(models.get(2).get("training").get("epochs_run").asInt()).isPositive();

        // Each learned model answers alone, its quantiles calibrated on its own backtests.
        JsonNode forecast = client.post().uri("/api/ml/forecast").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("store_ids", List.of(store), "product_ids", List.of("P5"),
                        "forecast_horizon_days", 14, "models", List.of("gbm", "lstm")))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(forecast.get("forecasts")).extracting(series -> series.get("model").asString())
                .containsExactlyInAnyOrder("gbm", "lstm");
        for (JsonNode series : forecast.get("forecasts")) {
            assertThat(series.get("daily")).hasSize(14);
            assertThat(series.get("backtest").get("mase").asDouble()).isPositive();
        }

        long version = run.get("version").asLong();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.learnedModels.status").isEqualTo("UP")
                .jsonPath("$.components.learnedModels.details.lstm.backend").isEqualTo("available")
                .jsonPath("$.components.learnedModels.details.lstm.model_version").isEqualTo(version)
                .jsonPath("$.components.learnedModels.details.gbm.trained_through").isEqualTo(END.toString());

        // A restarted service loads the newest learned models from the registry and forecasts as before.
        LearnedModels restarted = new LearnedModels(Map.of("gbm", new NativeBackend(true, "LightGBM"),
                "lstm", new NativeBackend(true, "ND4J")));
        new LearnedModelTraining(restarted, registry, new ArtifactStore(properties.artifactsDir(), json),
                new LearnedSnapshots(new GradientBoostedTrainer(GradientBoostedTrainer.Settings.defaults()),
                        new LstmTrainer(LstmTrainer.Settings.defaults()))).reloadLatest();
        DemandSeries history = loader.load(new SeriesKey(store, "P5"), END).block().orElseThrow();
        for (String name : List.of("gbm", "lstm")) {
            GlobalModelForecaster reloaded = restarted.member(name).orElseThrow();
            GlobalModelForecaster serving = learned.member(name).orElseThrow();
            assertThat(reloaded.forecast(history, 28).mean())
                    .containsExactly(serving.forecast(history, 28).mean(), within(1e-6));
        }
        assertThat(restarted.status()).extracting(LearnedModels.Status::version).containsOnly(version);
    }

    private JsonNode train() {
        JsonNode started = client.post().uri("/api/ml/models/train").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("store_ids", List.of(store)))
                .exchange().expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        long version = started.get("version").asLong();
        Instant deadline = Instant.now().plusSeconds(240);
        JsonNode status = started;
        while (status.get("status").asString().equals("running") && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = client.get().uri("/api/ml/models/train/{v}", version).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
        }
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("succeeded");
        return status;
    }
}
