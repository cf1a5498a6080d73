package io.stockflow.forecasting.learned;

import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Whether a learned model's native library loads on this machine. A model whose library does not load is left out
 * of the ensemble; the service keeps forecasting with the statistical members and says why in its health details.
 *
 * @param available whether the library loaded
 * @param detail    the backend it loaded, or why it did not
 */
public record NativeBackend(boolean available, String detail) {

    private static final String JAVACPP_CACHE = "org.bytedeco.javacpp.cachedir";

    /** Runs a loader; any failure to load, link or initialise means the backend is unavailable. */
    static NativeBackend probe(Callable<String> load) {
        try {
            return new NativeBackend(true, load.call());
        } catch (Throwable failure) {
            // UnsatisfiedLinkError, NoClassDefFoundError or ExceptionInInitializerError from a missing or
            // incompatible native library: none of them may stop the service.
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new NativeBackend(false, failure.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** LightGBM's library, unpacked from lightgbm4j's jar into a folder of this JVM's own. */
    public static NativeBackend lightGbm() {
        return LightGbmLibrary.load();
    }

    /**
     * ND4J's CPU backend. JavaCPP unpacks its libraries (~400 MB) into {@code cacheDir} on first use: a writable data
     * folder, not the home directory a container may not have.
     */
    public static NativeBackend nd4j(Path cacheDir) {
        if (cacheDir != null && System.getProperty(JAVACPP_CACHE) == null) {
            System.setProperty(JAVACPP_CACHE, cacheDir.toAbsolutePath().toString());
        }
        return probe(() -> {
            Nd4j.create(1).addi(1);
            return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", "
                    + Nd4j.getEnvironment().maxMasterThreads() + " master thread(s), OMP_NUM_THREADS="
                    + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        });
    }
}
