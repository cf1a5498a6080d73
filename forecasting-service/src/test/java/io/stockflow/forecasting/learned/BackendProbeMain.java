package io.stockflow.forecasting.learned;

import java.nio.file.Path;

/** Probes ND4J in a JVM of its own (see {@link LearnedModelsTest}): prints whether it loaded and why not. */
public final class BackendProbeMain {

    private BackendProbeMain() {
    }

    public static void main(String[] args) {
        NativeBackend backend = NativeBackend.nd4j(Path.of(args[0]));
        System.out.println("available=" + backend.available());
        System.out.println("detail=" + backend.detail());
    }
}
