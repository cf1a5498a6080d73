package io.stockflow.tools;

import io.stockflow.toolsupport.ToolVersion;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.synthetic.SyntheticPosConfig;
import io.stockflow.common.synthetic.SyntheticPosGenerator;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code deploy/benchmark-ingestion.sh}: in one run, against one real Kafka broker process,
 * (a) raw KafkaProducer throughput with ingestion's producer settings and the very records ingestion publishes,
 * (b) ingestion throughput from HTTP CSV batch to Kafka-acknowledged, and
 * (c) p50/p99 latency of single-transaction POSTs at a fixed request rate (open loop: latency counts from the
 * moment a request was due, so a stall is not hidden by sending less).
 * Options: {@code --rows N}, {@code --uploads N} (parallel batch uploads), {@code --rate R}, {@code --seconds S}.
 */
@Command(name = "deploy/benchmark-ingestion.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false, sortSynopsis = false,
        description = {"Ingestion benchmark against one real Kafka broker process: (a) raw KafkaProducer throughput "
                + "with ingestion's producer settings, (b) HTTP CSV batch ingestion to Kafka-acknowledged, (c) p50/p99 "
                + "latency of single-transaction POSTs at a fixed rate (open loop). Results in docs/benchmarks.md."})
public final class IngestionBenchmark implements Callable<Integer> {

    private static final int PORT = 8091;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "400000",
            description = "Synthetic POS lines published raw and uploaded in batches (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--uploads", paramLabel = "N", defaultValue = "2",
            description = "Parallel batch uploads (default: ${DEFAULT-VALUE}).")
    int uploads;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "200",
            description = "Single POSTs per second in the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
            description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestionBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = LocalInfrastructure.workDir(root);
        String classpath = KafkaBrokerProcess.requireClasspath(root.resolve("deploy/tools/target/classpath.txt"));
        String runId = UUID.randomUUID().toString().substring(0, 8);

        try (LocalInfrastructure infra = LocalInfrastructure.start(work, classpath);
             ServiceProcess ingestion = ServiceProcess.start(root, "ingestion-service", PORT,
                     infra.serviceEnvironment(), work.resolve("logs"), List.of("-Xmx1g"));
             LocalGateway gateway = LocalGateway.start(root, infra, work)) {
            infra.notes().forEach(n -> System.out.println(n));
            ingestion.awaitReady(Duration.ofMinutes(3));
            String authorization = gateway.adminSession().bearer(); // ingestion verifies it like any token
            List<PosTransaction> lines = history(rows, runId);
            System.out.printf("%d synthetic lines, %d bytes per published record on average%n", lines.size(),
                    averageRecordBytes(lines));

            System.out.println("warm-up ...");
            uploadAll(ingestion.baseUrl(), authorization,
                    retag(lines.subList(0, Math.min(60_000, lines.size())), "warm"), 1);
            rawKafka(infra.kafkaBootstrapServers(), retag(lines.subList(0, Math.min(60_000, lines.size())), "warm"));

            singlePosts(ingestion.baseUrl(), authorization, runId + "-warm", rate, 10);

            double raw = rawKafka(infra.kafkaBootstrapServers(), retag(lines, "raw"));
            Thread.sleep(5_000); // let the broker settle between phases
            double http = uploadAll(ingestion.baseUrl(), authorization, retag(lines, "http"), uploads);
            Thread.sleep(5_000);
            Histogram latency = singlePosts(ingestion.baseUrl(), authorization, runId, rate, seconds);

            System.out.printf("%n| measurement | result |%n|---|---|%n");
            System.out.printf("| (a) raw KafkaProducer, acks=all, idempotent, lz4 | %,.0f records/s |%n", raw);
            System.out.printf("| (b) ingestion, HTTP CSV batch -> Kafka acknowledged (%d parallel uploads) | %,.0f rows/s "
                    + "= %,.0f per minute = %.0f%% of (a) |%n", uploads, http, http * 60, 100 * http / raw);
            System.out.printf("| (c) single POST /api/data/pos/transaction at %d req/s for %d s | p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms (%d requests) |%n", rate, seconds, latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
                    latency.getTotalCount());
            System.out.printf("%nmachine: %s, %d cores, %s, Java %s%n", cpuModel(),
                    Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"));
        }
        return 0;
    }

    private static List<PosTransaction> history(int rows, String runId) {
        SyntheticPosConfig config = SyntheticPosConfig.defaults().withScale(10, 400)
                .withPeriod(LocalDate.now(ZoneOffset.UTC).minusDays(200), 200);
        try (Stream<PosTransaction> lines = new SyntheticPosGenerator(config).lines()) {
            List<PosTransaction> history = lines.limit(rows).toList();
            if (history.size() < rows) {
                throw new IllegalStateException("the synthetic history has only " + history.size() + " lines");
            }
            return history;
        }
    }

    /** Unique transaction ids per phase and run, so no phase meets another's lines as duplicates. */
    private static List<PosTransaction> retag(List<PosTransaction> lines, String phase) {
        String prefix = phase + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return lines.stream().map(l -> l.withTransactionId(prefix + l.transactionId())).toList();
    }

    private static long averageRecordBytes(List<PosTransaction> lines) {
        EventCodec codec = new EventCodec();
        return (long) lines.stream().limit(1000).mapToInt(l -> codec.encode(envelope(l)).length).average()
                .orElse(0);
    }

    private static EventEnvelope<PosTransaction> envelope(PosTransaction line) {
        return new EventEnvelope<>(line.eventId(), EventTypes.POS_TRANSACTION_RECORDED, 1,
                line.transactionTimestamp(), "ingestion-service", line);
    }

    /** (a): the records ingestion would publish, encoded beforehand, sent as fast as the producer takes them. */
    private static double rawKafka(String bootstrap, List<PosTransaction> lines) throws Exception {
        EventCodec codec = new EventCodec();
        List<ProducerRecord<String, byte[]>> records = lines.stream().map(l -> new ProducerRecord<>(
                "bench.raw", l.seriesKey().toString(), codec.encode(envelope(l)))).toList();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** (b): the lines split over parallel CSV uploads; rows/s from the first byte sent to the last answer. */
    private static double uploadAll(String baseUrl, String authorization, List<PosTransaction> lines, int uploads)
            throws Exception {
        int per = (lines.size() + uploads - 1) / uploads;
        AtomicLong accepted = new AtomicLong();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        try (PosUploader uploader = new PosUploader(baseUrl, "Authorization", authorization)) {
            for (int i = 0; i < uploads; i++) {
                List<PosTransaction> part = lines.subList(i * per, Math.min(lines.size(), (i + 1) * per));
                running.add(CompletableFuture.runAsync(() -> {
                    try {
                        HttpResponse<String> response = uploader.uploadCsv(part.stream(), 0, 0);
                        JsonNode report = StockflowJson.mapper().readTree(response.body());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + ": " + response.body());
                        }
                        accepted.addAndGet(report.path("accepted").asLong());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (accepted.get() != lines.size()) {
            throw new IllegalStateException("accepted " + accepted.get() + " of " + lines.size() + " lines");
        }
        return lines.size() / elapsed;
    }

    /** (c): one request every 1/rate seconds whatever the answers do; latency from the planned send time. */
    static Histogram singlePosts(String baseUrl, String authorization, String runId, int rate, int seconds)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(baseUrl + "/api/data/pos/transaction");
        Histogram histogram = new org.HdrHistogram.ConcurrentHistogram(60_000_000L, 3);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long origin = System.nanoTime() + 100_000_000L;
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        String timestamp = Instant.now().minusSeconds(60).toString();
        for (long i = 0; i < total; i++) {
            long due = origin + i * intervalNanos;
            String body = singlePostBody(runId, i, timestamp);
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            clock.schedule(() -> http.sendAsync(HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", authorization)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        histogram.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                        if (error != null || response.statusCode() != 201) {
                            failures.add(error != null ? error.toString() : "HTTP " + response.statusCode());
                        }
                        done.complete(null);
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
        clock.shutdown();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " single POSTs failed, e.g. " + failures.peek());
        }
        return histogram;
    }

    static String singlePostBody(String runId, long i, String timestamp) {
        return "{\"transaction_id\":\"lat-" + runId + "-" + i + "\",\"product_id\":\"SKU-" + (i % 400)
                + "\",\"store_id\":\"S00" + (i % 9 + 1) + "\",\"quantity\":1,\"unit_price\":9.99,"
                + "\"transaction_timestamp\":\"" + timestamp + "\"}";
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "";
        }
    }
}
