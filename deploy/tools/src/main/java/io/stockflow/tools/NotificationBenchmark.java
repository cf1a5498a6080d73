package io.stockflow.tools;

import io.stockflow.toolsupport.ToolVersion;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.inventory.InventoryAlert;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/benchmark-notification.sh}: inventory alert events on a real Kafka broker process, through
 * notification-service's rules (stored, routed, planned and sent as signed webhooks) to a webhook sink in this
 * process, against a reference in the same run: a plain Kafka consumer that forwards each event to the same sink
 * with one HTTP call (no storage, no rules, no signing). For each path:
 * (a) alerts per second for a burst published as fast as the producer takes it, from the first event sent to the
 * last webhook received, and (b) end-to-end latency p50/p99 at a fixed event rate (open loop: from the moment an
 * event was due to be published to the moment its webhook arrived).
 * Options: {@code --alerts N} (burst size), {@code --rate R}, {@code --seconds S}, {@code --rules K} (rules the
 * service evaluates per alert; one of them matches).
 */
@Command(name = "deploy/benchmark-notification.sh", mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class, sortOptions = false, sortSynopsis = false,
        description = {"Inventory alert events on Kafka through notification-service's rules to a webhook sink, side "
                + "by side with a bare Kafka-consumer-to-HTTP forwarder: alerts per second for a burst, and "
                + "end-to-end latency p50/p99 at a fixed event rate. Results in docs/benchmarks.md."})
public final class NotificationBenchmark implements Callable<Integer> {

    private static final int PORT = 8084;

    @Option(names = "--alerts", paramLabel = "N", defaultValue = "10000",
            description = "Alerts in the burst (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "50",
            description = "Alerts per second in the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
            description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rules", paramLabel = "K", defaultValue = "50",
            description = "Rules the service evaluates per alert; one of them matches (default: ${DEFAULT-VALUE}).")
    int ruleCount;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NotificationBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = LocalInfrastructure.workDir(root);
        String classpath = KafkaBrokerProcess.requireClasspath(root.resolve("deploy/tools/target/classpath.txt"));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String store = "BENCH-" + runId;

        try (WebhookSink sink = WebhookSink.start();
             LocalInfrastructure infra = LocalInfrastructure.start(work, classpath);
             ServiceProcess notification = ServiceProcess.start(root, "notification-service", PORT,
                     notificationEnvironment(infra), work.resolve("logs"), List.of("-Xmx1g"));
             LocalGateway gateway = LocalGateway.start(root, infra, work)) {
            infra.notes().forEach(System.out::println);
            notification.awaitReady(Duration.ofMinutes(3));
            GatewaySession session = gateway.adminSession();
            List<String> rules = configureRules(session, sink.url("/hook"), store, ruleCount);
            try {
                measure(infra, sink, store, burst, rate, seconds, ruleCount, runId);
            } finally {
                // Left enabled, every run's rules would be evaluated in the next run too.
                for (String rule : rules) {
                    session.delete("/api/notifications/rules/" + rule);
                }
            }
        }
        return 0;
    }

    private static void measure(LocalInfrastructure infra, WebhookSink sink, String store, int burst, int rate,
                                int seconds, int ruleCount, String runId) throws Exception {
        String referenceTopic = "bench.notify.raw-" + runId;
        try (KafkaProducer<String, byte[]> producer = producer(infra.kafkaBootstrapServers());
             KafkaForwarder reference = KafkaForwarder.start(infra.kafkaBootstrapServers(), referenceTopic,
                     "bench-forwarder-" + runId, sink.url("/raw"))) {
            AlertSource service = new AlertSource(producer, Topics.INVENTORY_ALERTS.name(), store, "svc");
            AlertSource raw = new AlertSource(producer, referenceTopic, store, "raw");

            System.out.println("warm-up ...");
            for (AlertSource source : List.of(raw, service)) {
                burst(source, sink, Math.min(2_000, burst));
                paced(source, sink, rate, 5);
            }

            double rawRate = burst(raw, sink, burst);
            vacuum(infra);
            Thread.sleep(5_000);
            double serviceRate = burst(service, sink, burst);
            Thread.sleep(5_000);
            Histogram rawLatency = paced(raw, sink, rate, seconds);
            vacuum(infra);
            Thread.sleep(2_000);
            Histogram serviceLatency = paced(service, sink, rate, seconds);

            System.out.printf("%n| path | burst of %,d alerts | latency at %d alerts/s for %d s: p50 / p99 / max |%n"
                    + "|---|---|---|%n", burst, rate, seconds);
            System.out.printf("| reference: Kafka consumer -> one HTTP POST per event | %,.0f alerts/s | %s |%n",
                    rawRate, summary(rawLatency));
            System.out.printf("| notification-service: stored, %d rules, routed, planned, signed webhook | %,.0f "
                    + "alerts/s (%.0f%% of reference) | %s |%n", ruleCount, serviceRate,
                    100 * serviceRate / rawRate, summary(serviceLatency));
            System.out.printf("%nwebhooks received more than once: %d (at least once: only a retry or a "
                    + "takeover may repeat one)%n", sink.repeats());
            System.out.printf("machine: %s, %d cores, %s, Java %s%n", IngestionBenchmark.cpuModel(),
                    Runtime.getRuntime().availableProcessors(), IngestionBenchmark.memory(),
                    System.getProperty("java.version"));
        }
    }

    /**
     * What autovacuum does on its own (notification sets a low threshold for the delivery table), done here before
     * each of the service's phases because this machine's PostgreSQL runs with autovacuum off: otherwise every
     * earlier run's deliveries would slow the search for due work.
     */
    private static void vacuum(LocalInfrastructure infra) throws java.sql.SQLException {
        Map<String, String> environment = infra.serviceEnvironment();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                environment.get("SPRING_FLYWAY_URL"), environment.get("SPRING_FLYWAY_USER"), "");
             java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet setting = statement.executeQuery("SHOW autovacuum")) {
                setting.next();
                System.out.println("PostgreSQL autovacuum is " + setting.getString(1)
                        + ": vacuuming notification's tables before the next phase");
            }
            for (String table : List.of("delivery", "delivery_attempt", "alert", "alert_route")) {
                statement.execute("VACUUM ANALYZE notification." + table);
            }
        }
    }

    private static Map<String, String> notificationEnvironment(LocalInfrastructure infra) {
        Map<String, String> environment = new HashMap<>(infra.serviceEnvironment());
        // The sink listens on loopback, which the SSRF guard refuses unless an operator admits it.
        environment.put("SPRING_APPLICATION_JSON",
                "{\"stockflow\":{\"notification\":{\"allowed-private-targets\":[\"127.0.0.1/32\"]}}}");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        environment.put("STOCKFLOW_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        return environment;
    }

    /**
     * A signed webhook channel, its subscription, one rule for the benchmark's store and others that never match.
     *
     * @return the rules' ids
     */
    private static List<String> configureRules(GatewaySession session, String hookUrl, String store, int ruleCount)
            throws Exception {
        String channel = session.post("/api/notifications/channels", Map.of("name", "bench-" + store,
                "type", "webhook", "settings", Map.of(), "secrets", Map.of("signing_secret", "bench-secret")))
                .path("channel_id").asString();
        String subscription = session.post("/api/notifications/subscriptions", Map.of("name", "sink-" + store,
                "channel_id", channel, "address", hookUrl)).path("subscription_id").asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            boolean matching = i == ruleCount - 1;
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", (matching ? "bench " : "bench other " + i + " ") + store);
            rule.put("alert_types", List.of("inventory.stockout_risk", "inventory.below_reorder_point"));
            rule.put("min_severity", "warning");
            rule.put("store_ids", List.of(matching ? store : store + "-other-" + i));
            rule.put("conditions", List.of(Map.of("field", "days_of_cover", "op", "lt", "value", 5)));
            rule.put("dedup_window_minutes", 60);
            rule.put("subscription_ids", List.of(subscription));
            ids.add(session.post("/api/notifications/rules", rule).path("rule_id").asString());
        }
        return ids;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
    }

    /** (a): the burst sent as fast as the producer takes it; alerts/s until the last webhook arrived. */
    private static double burst(AlertSource source, WebhookSink sink, int count) throws Exception {
        List<UUID> ids = new ArrayList<>(count);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            records.add(source.record(id));
        }
        long start = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>(count);
        for (ProducerRecord<String, byte[]> record : records) {
            acks.add(source.producer().send(record));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
        long last = sink.awaitAll(ids, Duration.ofMinutes(10));
        return count / ((last - start) / 1e9);
    }

    /** (b): one event every 1/rate seconds whatever happens downstream; latency from the moment it was due. */
    private static Histogram paced(AlertSource source, WebhookSink sink, int rate, int seconds) throws Exception {
        int count = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long origin = System.nanoTime() + 100_000_000L;
        Map<UUID, Long> due = new HashMap<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                long at = origin + i * interval;
                due.put(id, at);
                ProducerRecord<String, byte[]> record = source.record(id);
                clock.schedule(() -> source.producer().send(record), at - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            sink.awaitAll(due.keySet(), Duration.ofSeconds(seconds + 120L));
        } finally {
            clock.shutdown();
        }
        Histogram latency = new Histogram(600_000_000L, 3);
        due.forEach((id, at) -> latency.recordValue(Math.max(0, (sink.arrival(id) - at) / 1000)));
        return latency;
    }

    private static String summary(Histogram latency) {
        return String.format("%.1f / %.1f / %.1f ms (%d alerts)", latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0, latency.getTotalCount());
    }

    /** Stockout-risk events as inventory publishes them, each for its own product so none duplicates another. */
    private record AlertSource(KafkaProducer<String, byte[]> producer, String topic, String store, String tag) {

        private static final EventCodec CODEC = new EventCodec();

        ProducerRecord<String, byte[]> record(UUID id) {
            String product = "SKU-" + tag + "-" + id.toString().substring(0, 13);
            Instant now = Instant.now();
            InventoryAlert alert = new InventoryAlert(store, product, "stockout_risk", 1, "critical",
                    "forecast demand over the 7.0-day lead time (70.0) exceeds available stock (12.0)",
                    12, 0, 0, 12, 7.0, 70.0, 70.0, 1.2, null, null, now);
            return new ProducerRecord<>(topic, store + "|" + product, CODEC.encode(new EventEnvelope<>(id,
                    EventTypes.INVENTORY_ALERT_RAISED, 1, now, "inventory-service", alert)));
        }
    }
}
