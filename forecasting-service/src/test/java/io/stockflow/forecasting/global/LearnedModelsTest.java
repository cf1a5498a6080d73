package io.stockflow.forecasting.global;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedModelsTest {

    @Test
    void aBackendThatCannotLoadIsReportedNotThrown() {
        NativeBackend missing = NativeBackend.probe(() -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        });
        assertThat(missing.available()).isFalse();
        assertThat(missing.detail()).isEqualTo("UnsatisfiedLinkError: no jnind4jcpu in java.library.path");

        NativeBackend broken = NativeBackend.probe(() -> {
            throw new ExceptionInInitializerError(new IllegalStateException("cannot unpack to /read-only"));
        });
        assertThat(broken.detail()).contains("ExceptionInInitializerError", "cannot unpack to /read-only");
    }

    @Test
    void onlyModelsWhoseBackendLoadsAreTrainable() {
        LearnedModels learned = new LearnedModels(Map.of(
                "gbm", new NativeBackend(true, "LightGBM"),
                "lstm", new NativeBackend(false, "UnsatisfiedLinkError: no jnind4jcpu")));
        assertThat(learned.trainable()).containsExactly("gbm");
        assertThat(learned.members()).isEmpty();
        assertThat(learned.status()).extracting(LearnedModels.Status::name).containsExactly("gbm", "lstm");
        assertThat(learned.status().get(1).backend().detail()).contains("jnind4jcpu");
    }

    @Test
    void theNativeLibrariesOfThisPlatformLoad() {
        assertThat(NativeBackend.lightGbm().available()).isTrue();
        NativeBackend nd4j = NativeBackend.nd4j(null);
        assertThat(nd4j.available()).as(nd4j.detail()).isTrue();
        assertThat(nd4j.detail()).contains("OMP_NUM_THREADS=1");
    }
}
