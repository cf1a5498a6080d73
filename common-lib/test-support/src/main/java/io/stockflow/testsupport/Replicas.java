package io.stockflow.testsupport;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/** More replicas of the application under test, in the test's JVM, on the stores of the test's own context. */
public final class Replicas {

    private Replicas() {
    }

    /**
     * Starts one on a random port; close it when done.
     *
     * @param shared    the settings it takes from the test's context: stores, brokers, keys
     * @param arguments further command-line arguments, e.g. {@code --management.server.port=0}
     */
    public static ConfigurableApplicationContext start(Class<?> application, Environment testContext,
                                                       List<String> shared, String... arguments) {
        // As command-line arguments: they win over the application's application.yml (default properties would not).
        List<String> all = new ArrayList<>(List.of("--server.port=0"));
        all.addAll(List.of(arguments));
        shared.forEach(key -> all.add("--" + key + "=" + testContext.getRequiredProperty(key)));
        // The replica leaves the JVM's logging as the test set it up (else it re-initialises it for itself).
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
    }
}
