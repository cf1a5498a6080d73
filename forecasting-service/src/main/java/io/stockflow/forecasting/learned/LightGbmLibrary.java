package io.stockflow.forecasting.learned;

import io.github.metarank.lightgbm4j.LGBMBooster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads LightGBM's native library once per JVM, from a folder of this JVM's own. lightgbm4j unpacks its libraries to
 * {@code java.io.tmpdir/lib_lightgbm.so}, overwriting whatever is there: a second JVM on the same machine starting
 * (a test run, {@code forecast-csv.sh}) rewrote the library under one already using it, which crashed it (SIGSEGV,
 * seen here). So the temporary folder is pointed at a fresh private one while the library class loads.
 */
final class LightGbmLibrary {

    private static final String TMPDIR = "java.io.tmpdir";
    private static NativeBackend state;

    private LightGbmLibrary() {
    }

    static synchronized NativeBackend load() {
        if (state == null) {
            state = NativeBackend.probe(() -> {
                String shared = System.getProperty(TMPDIR);
                Path own = Files.createTempDirectory("stockflow-lightgbm-");
                own.toFile().deleteOnExit();
                for (String library : new String[] {"lib_lightgbm.so", "lib_lightgbm_swig.so"}) {
                    new File(own.toFile(), library).deleteOnExit();
                }
                System.setProperty(TMPDIR, own.toString());
                try {
                    // The class's static initialiser unpacks and loads the library; an explicit call reports why not.
                    if (!LGBMBooster.isNativeLoaded()) {
                        LGBMBooster.loadNative();
                    }
                } finally {
                    System.setProperty(TMPDIR, shared);
                }
                return "LightGBM (lightgbm4j), native library unpacked in " + own;
            });
        }
        return state;
    }

    /** @throws IllegalStateException when the library cannot load here */
    static void require() {
        NativeBackend backend = load();
        if (!backend.available()) {
            throw new IllegalStateException("LightGBM cannot run here: " + backend.detail());
        }
    }
}
