package io.stockflow.forecasting.learned;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    /**
     * ND4J without its linux-x86_64 native jars — as on a platform they are not built for — in a JVM of its own: the
     * probe reports the failure instead of throwing it.
     */
    @Test
    void nd4jWithoutItsNativeLibrariesIsReportedUnavailable(@TempDir Path cache) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("linux-x86_64")).collect(Collectors.joining(File.pathSeparator));
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, BackendProbeMain.class.getName(), cache.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("available=false", "detail=ExceptionInInitializerError");
    }

    @Test
    void theNativeLibrariesOfThisPlatformLoad() {
        NativeBackend lightGbm = NativeBackend.lightGbm();
        assertThat(lightGbm.available()).as(lightGbm.detail()).isTrue();
        // Unpacked where no other JVM on the machine overwrites it.
        assertThat(lightGbm.detail()).contains("stockflow-lightgbm-");
        NativeBackend nd4j = NativeBackend.nd4j(null);
        assertThat(nd4j.available()).as(nd4j.detail()).isTrue();
        assertThat(nd4j.detail()).contains("OMP_NUM_THREADS=1");
    }
}
