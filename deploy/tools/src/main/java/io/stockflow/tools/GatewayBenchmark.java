package io.stockflow.tools;

import io.stockflow.toolsupport.ToolVersion;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code deploy/benchmark-gateway.sh}: the gateway's overhead, measured in one run against the same ingestion
 * service: single POS transactions sent straight to ingestion and through the gateway (both with the same access
 * token, which the gateway and the service each verify). (1) latency at fixed rates, p50/p99 from the planned send
 * time; (2) throughput with a fixed number of requests in flight. Phases alternate direct/gateway
 * twice, so a drift of the machine shows rather than favouring one side.
 * Options: {@code --rates R1,R2} (default 25,100 requests/s), {@code --seconds S} (20), {@code --concurrency C} (16).
 */
@Command(name = "deploy/benchmark-gateway.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false, sortSynopsis = false,
        description = {"The gateway's overhead against the same ingestion service in one run: single POS "
                + "transactions straight to ingestion and through the gateway, latency p50/p99 at fixed rates and "
                + "throughput with a fixed number of requests in flight. Results in docs/benchmarks.md."})
public final class GatewayBenchmark implements Callable<Integer> {

    private static final int INGESTION_PORT = 8081;
    /** The gateway and the service get the same JVM: 1 GB heap, the JVM's default collector (G1). */
    private static final java.util.List<String> SERVICE_JVM = java.util.List.of("-Xmx1g");

    @Option(names = "--rates", paramLabel = "R1,R2", split = ",", defaultValue = "25,100",
            description = "Request rates of the latency phases, requests/s (default: ${DEFAULT-VALUE}).")
    int[] rates;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Length of each phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "16",
            description = "Requests in flight in the throughput phases (default: ${DEFAULT-VALUE}).")
    int concurrency;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = LocalInfrastructure.workDir(root);
        String classpath = KafkaBrokerProcess.requireClasspath(root.resolve("deploy/tools/target/classpath.txt"));
        String run = UUID.randomUUID().toString().substring(0, 8);

        try (LocalInfrastructure infra = LocalInfrastructure.start(work, classpath);
             ServiceProcess ingestion = ServiceProcess.start(root, "ingestion-service", INGESTION_PORT,
                     infra.serviceEnvironment(), work.resolve("logs"), SERVICE_JVM);
             // The per-user rate limit is still checked on every request (a Redis call), but set high enough
             // that the load is never refused.
             LocalGateway gateway = LocalGateway.start(root, infra, work, Map.of(
                     "STOCKFLOW_GATEWAY_RATE_LIMITS_USERS_REPLENISH_RATE", "100000",
                     "STOCKFLOW_GATEWAY_RATE_LIMITS_USERS_BURST_CAPACITY", "200000",
                     "JAVA_TOOL_OPTIONS", System.getenv().getOrDefault("GATEWAY_JAVA_TOOL_OPTIONS", "")),
                     SERVICE_JVM)) {
            ingestion.awaitReady(Duration.ofMinutes(3));
            String token = gateway.adminSession().bearer();
            String direct = ingestion.baseUrl();
            String through = LocalGateway.URL;

            System.out.println("warm-up ...");
            IngestionBenchmark.singlePosts(direct, token, run + "-wd", rates[0], 10);
            IngestionBenchmark.singlePosts(through, token, run + "-wg", rates[0], 10);
            closedLoop(direct, token, run + "-cwd", concurrency, 5);
            closedLoop(through, token, run + "-cwg", concurrency, 5);

            Histogram[] directLatency = new Histogram[rates.length];
            Histogram[] gatewayLatency = new Histogram[rates.length];
            double directRate = 0;
            double gatewayRate = 0;
            for (int round = 1; round <= 2; round++) {
                for (int r = 0; r < rates.length; r++) {
                    String phase = "-" + rates[r] + "-" + round;
                    Histogram d = IngestionBenchmark.singlePosts(direct, token, run + "-d" + phase, rates[r], seconds);
                    Histogram g = IngestionBenchmark.singlePosts(through, token, run + "-g" + phase, rates[r], seconds);
                    directLatency[r] = merge(directLatency[r], d);
                    gatewayLatency[r] = merge(gatewayLatency[r], g);
                }
                directRate += closedLoop(direct, token, run + "-cd" + round, concurrency, seconds) / 2;
                gatewayRate += closedLoop(through, token, run + "-cg" + round, concurrency, seconds) / 2;
            }

            System.out.printf("%n| measurement (2 rounds of %d s each; throughput with %d requests in flight) "
                    + "| direct to ingestion | through the gateway | overhead |%n|---|---|---|---|%n",
                    seconds, concurrency);
            for (int r = 0; r < rates.length; r++) {
                row("latency p50 at " + rates[r] + " req/s", directLatency[r].getValueAtPercentile(50),
                        gatewayLatency[r].getValueAtPercentile(50));
                row("latency p99 at " + rates[r] + " req/s", directLatency[r].getValueAtPercentile(99),
                        gatewayLatency[r].getValueAtPercentile(99));
            }
            System.out.printf("| throughput | %,.0f req/s | %,.0f req/s | gateway = %.0f%% of direct |%n",
                    directRate, gatewayRate, 100 * gatewayRate / directRate);
            System.out.printf("%nmachine: %s, %d cores, %s, Java %s%n", IngestionBenchmark.cpuModel(),
                    Runtime.getRuntime().availableProcessors(), IngestionBenchmark.memory(),
                    System.getProperty("java.version"));
        }
        return 0;
    }

    private static Histogram merge(Histogram into, Histogram more) {
        if (into == null) {
            return more.copy();
        }
        into.add(more);
        return into;
    }

    private static void row(String name, long directMicros, long gatewayMicros) {
        System.out.printf("| %s | %.1f ms | %.1f ms | +%.1f ms |%n", name, directMicros / 1000.0,
                gatewayMicros / 1000.0, (gatewayMicros - directMicros) / 1000.0);
    }

    /** {@code concurrency} requests always in flight for {@code seconds}; answers per second, all must be 201. */
    private static double closedLoop(String baseUrl, String authorization, String run, int concurrency, int seconds) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(baseUrl + "/api/data/pos/transaction");
        String timestamp = Instant.now().minusSeconds(60).toString();
        AtomicLong sequence = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        CompletableFuture<?>[] loops = new CompletableFuture<?>[concurrency];
        for (int i = 0; i < concurrency; i++) {
            loops[i] = loop(http, uri, authorization, run, timestamp, sequence, completed, failed, deadline);
        }
        CompletableFuture.allOf(loops).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests to " + baseUrl + " failed");
        }
        return completed.get() / elapsed;
    }

    private static CompletableFuture<Void> loop(HttpClient http, URI uri, String authorization, String run,
                                                String timestamp, AtomicLong sequence, AtomicLong completed,
                                                AtomicLong failed, long deadline) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(IngestionBenchmark.singlePostBody(run,
                        sequence.incrementAndGet(), timestamp))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 201) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            return loop(http, uri, authorization, run, timestamp, sequence, completed, failed, deadline);
        });
    }
}
