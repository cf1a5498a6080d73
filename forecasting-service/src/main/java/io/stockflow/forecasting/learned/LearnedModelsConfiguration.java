package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.ForecastModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class LearnedModelsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LearnedModelsConfiguration.class);

    /** Probes each learned model's native library once, at start-up; a failure leaves that model out. */
    @Bean
    LearnedModels learnedModels(LearnedModelsProperties properties) {
        Map<String, NativeBackend> backends = new LinkedHashMap<>();
        NativeBackend off = new NativeBackend(false, "learned models are disabled "
                + "(stockflow.forecasting.learned.enabled=false)");
        backends.put(ForecastModels.GBM, properties.enabled() ? NativeBackend.lightGbm() : off);
        backends.put(ForecastModels.LSTM, properties.enabled() ? NativeBackend.nd4j(properties.nativeCacheDir()) : off);
        backends.forEach((name, backend) -> {
            if (backend.available()) {
                log.info("Learned model {}: {}", name, backend.detail());
            } else {
                log.warn("Learned model {} left out of the ensemble: {}", name, backend.detail());
            }
        });
        return new LearnedModels(backends);
    }

    @Bean
    GradientBoostedTrainer gradientBoostedTrainer() {
        return new GradientBoostedTrainer(GradientBoostedTrainer.Settings.defaults());
    }

    @Bean
    LstmTrainer lstmTrainer(LearnedModelsProperties properties) {
        return new LstmTrainer(LstmTrainer.Settings.defaults().withEpochs(properties.lstmMaxEpochs())
                .withMaxWindows(properties.lstmMaxWindows()));
    }

    /**
     * Always up — the statistical members forecast without the learned ones — with each learned model's backend and
     * the snapshot in use in its details.
     */
    @Bean
    HealthIndicator learnedModelsHealthIndicator(LearnedModels learned) {
        return () -> {
            Health.Builder health = Health.up();
            for (LearnedModels.Status status : learned.status()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("backend", status.backend().available() ? "available" : "unavailable");
                details.put("detail", status.backend().detail());
                details.put("model_version", status.version());
                details.put("trained_through", status.trainedThrough());
                health.withDetail(status.name(), details);
            }
            return health.build();
        };
    }
}
