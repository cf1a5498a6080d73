package io.stockflow.common.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code stockflow-defaults.properties} (actuator probes, Prometheus, structured logs, problem details) as
 * the lowest-precedence property source, so every service starts from the same operational defaults and can
 * still override any of them in its own application.yml.
 */
public class StockflowDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    private static final String RESOURCE = "stockflow-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader().load("stockflowDefaults",
                    new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
