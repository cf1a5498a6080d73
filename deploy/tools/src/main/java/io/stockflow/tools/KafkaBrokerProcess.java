package io.stockflow.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), run as its own JVM process from
 * the Kafka jars on Maven Central: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}. Its data and
 * log live under the given directory, so a restart keeps the topics.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBrokerProcess start(Path home, int port, int controllerPort, String classpath)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        Path log = home.resolve("broker.log");
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = java(classpath, List.of("kafka.tools.StorageTool", "format",
                    "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                    "-c", config.toString()), log);
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + log);
            }
        }
        Process broker = java(classpath, List.of("kafka.Kafka", config.toString()), log);
        KafkaBrokerProcess started = new KafkaBrokerProcess(broker, "127.0.0.1:" + port);
        started.awaitReady(Duration.ofSeconds(90), log);
        return started;
    }

    private static Process java(String classpath, List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Dlog4j2.level=WARN", "-cp", classpath));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + log);
            }
            if (answers(bootstrapServers)) {
                return;
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the Kafka broker did not start within " + timeout + "; see " + log);
    }

    /** Whether a Kafka broker answers at this address. */
    public static boolean answers(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(30));
    }

    static String requireClasspath(Path classpathFile) {
        try {
            return Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + classpathFile + ": build with ./mvnw -DskipTests package", e);
        }
    }
}
