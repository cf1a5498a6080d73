package io.stockflow.tools;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops the processes the launcher started: politely first, by force after a grace period. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
