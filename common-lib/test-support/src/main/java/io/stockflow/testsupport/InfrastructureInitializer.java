package io.stockflow.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import java.util.List;

/**
 * Puts the real infrastructure's addresses in front of the service's own configuration. The property source is
 * lazy: a broker, database or Redis is started only when the service reads a property that needs it, so a
 * service without Kafka never starts a broker. The gateway's public keys are {@link TestTokens}' JWK Set.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** A test's own {@code @TestPropertySource} and {@code @DynamicPropertySource} values win over ours. */
    private static final List<String> TEST_OWN_SOURCES = List.of("Dynamic Test Properties",
            "Inlined Test Properties");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        LazyInfrastructureProperties infrastructure = new LazyInfrastructureProperties();
        TEST_OWN_SOURCES.stream().filter(sources::contains).reduce((first, second) -> second)
                .ifPresentOrElse(last -> sources.addAfter(last, infrastructure), () -> sources.addFirst(infrastructure));
    }

    static final class LazyInfrastructureProperties extends PropertySource<Object> {

        private final String database = PostgresServer.newTestDatabaseName();
        private volatile boolean databaseCreated;

        LazyInfrastructureProperties() {
            super("stockflowTestInfrastructure");
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "spring.kafka.bootstrap-servers" -> TestInfrastructure.kafkaBootstrapServers();
                case "spring.data.redis.host" -> TestInfrastructure.redis().host();
                case "spring.data.redis.port" -> TestInfrastructure.redis().port();
                case "spring.r2dbc.url" -> "r2dbc:postgresql://" + postgresAddress() + "/" + database;
                case "spring.flyway.url" -> "jdbc:postgresql://" + postgresAddress() + "/" + database;
                case "spring.r2dbc.username", "spring.flyway.user" -> TestInfrastructure.postgres().user();
                case "spring.r2dbc.password", "spring.flyway.password" -> TestInfrastructure.postgres().password();
                case "stockflow.security.jwks-uri" -> TestTokens.jwksUri().toString();
                default -> null;
            };
        }

        private String postgresAddress() {
            PostgresServer server = TestInfrastructure.postgres();
            if (!databaseCreated) {
                synchronized (this) {
                    if (!databaseCreated) {
                        server.createDatabase(database);
                        databaseCreated = true;
                    }
                }
            }
            return server.host() + ":" + server.port();
        }
    }
}
