package io.stockflow.tools;

import io.stockflow.toolsupport.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code deploy/run-local.sh}: starts Stockflow on embedded defaults (Kafka broker process, local or embedded
 * PostgreSQL and Redis, every service), runs the demo, prints where to look next, and keeps running until
 * Ctrl-C. Options: {@code --exit-after-demo}, {@code --no-demo}, {@code --stores N}, {@code --skus N},
 * {@code --days N}.
 */
@Command(name = "deploy/run-local.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false, sortSynopsis = false,
        description = {"Runs Stockflow locally on embedded defaults: a real Kafka broker process (KRaft), the local "
                + "PostgreSQL and Redis or embedded ones, every service behind the gateway; then streams a synthetic "
                + "POS history through the gateway (the demo) and keeps running until Ctrl-C."},
        exitCodeListHeading = "%nExit status (with --exit-after-demo):%n",
        exitCodeList = {"0:the demo showed what it should", "1:it did not, or the platform failed to start",
                "2:bad options"})
public final class LocalPlatform implements Callable<Integer> {

    private static final String GATEWAY = LocalGateway.URL;

    /** Module and port of every service behind the gateway, in start order. */
    static final Map<String, Integer> SERVICES = new java.util.LinkedHashMap<>();

    static {
        SERVICES.put("ingestion-service", 8081);
        SERVICES.put("forecasting-service", 8082);
        SERVICES.put("inventory-service", 8083);
        SERVICES.put("notification-service", 8084);
        SERVICES.put("recommendation-service", 8085);
    }

    @Option(names = "--exit-after-demo", description = "Stop everything after the demo; the exit status tells whether "
            + "it showed what it should.")
    boolean exitAfterDemo;

    @Option(names = "--no-demo", description = "Start the platform without streaming the demo history.")
    boolean noDemo;

    @Option(names = "--stores", paramLabel = "N", defaultValue = "8",
            description = "Stores of the demo's synthetic history (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--skus", paramLabel = "N", defaultValue = "300",
            description = "SKUs of the demo's synthetic history (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--days", paramLabel = "N", defaultValue = "120",
            description = "Days of the demo's synthetic history (default: ${DEFAULT-VALUE}).")
    int days;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalPlatform()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean demo = !noDemo;
        Path root = Path.of("").toAbsolutePath();
        Path work = LocalInfrastructure.workDir(root);
        String classpath = KafkaBrokerProcess.requireClasspath(root.resolve("deploy/tools/target/classpath.txt"));

        System.out.println("Starting infrastructure ...");
        LocalInfrastructure infra = LocalInfrastructure.start(work, classpath);
        infra.notes().forEach(n -> System.out.println("  " + n));
        List<ServiceProcess> services = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.forEach(ServiceProcess::close);
            infra.close();
        }, "stockflow-local-stop"));

        System.out.println("Starting services ...");
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            services.add(ServiceProcess.start(root, service.getKey(), service.getValue(), infra.serviceEnvironment(),
                    work.resolve("logs"), List.of("-Xmx384m", "-XX:+UseSerialGC")));
        }
        // A fresh administrator password every run, unless STOCKFLOW_ADMIN_PASSWORD is given.
        LocalGateway gateway = LocalGateway.start(root, infra, work);
        services.add(gateway.process());
        String adminPassword = gateway.adminPassword();
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofMinutes(3));
            System.out.printf("  %-24s ready at %s (log %s)%n", service.name(), service.baseUrl(),
                    root.relativize(service.log()));
        }

        System.out.printf("""

                The gateway at %1$s is the only entry point; every /api call needs a token or an API key.
                Log in as the administrator (password set for this run):
                  TOKEN=$(curl -s -X POST %1$s/api/auth/login -H 'Content-Type: application/json' \\
                    -d '{"username":"admin","password":"%2$s"}' | jq -r .access_token)
                  curl -s %1$s/api/auth/me -H "Authorization: Bearer $TOKEN" | jq
                  API documentation: %1$s/swagger-ui.html
                """, GATEWAY, adminPassword);
        boolean demoOk = true;
        if (demo) {
            try {
                demoOk = Demo.run(GatewaySession.login(GATEWAY, "admin", adminPassword),
                        Demo.demoHistory(stores, skus, days), 0.005, System.out);
            } catch (RuntimeException | java.io.IOException e) {
                if (exitAfterDemo) {
                    LogProblems.print(work, 8, System.out);
                }
                throw e;
            }
        }
        System.out.println("""

                Where to look next:
                  data quality         curl -s 'http://127.0.0.1:8080/api/data/quality' -H "Authorization: Bearer $TOKEN" | jq
                  forecast accuracy    curl -s 'http://127.0.0.1:8080/api/ml/analytics/accuracy' -H "Authorization: Bearer $TOKEN" | jq
                  model registry       curl -s 'http://127.0.0.1:8080/api/ml/models' -H "Authorization: Bearer $TOKEN" | jq
                  stock to reorder     curl -s "http://127.0.0.1:8080/api/inventory/current?below_reorder_point=true" -H "Authorization: Bearer $TOKEN" | jq
                  health and metrics   http://127.0.0.1:8081/actuator/health  /actuator/prometheus (each service's
                                       own port; the gateway's on 8090)
                  Kafka topics         pos.transactions, pos.transactions.dlq, forecasts.updated, forecast.drift,
                                       inventory.alerts, reorder.recommended on 127.0.0.1:9092
                  statistics in SQL    psql -h 127.0.0.1 -U postgres stockflow -c 'select * from ingestion.ingestion_batch'
                  logs                 .local/logs/<service>.log, Kafka in .local/kafka/broker.log
                """);
        if (exitAfterDemo) {
            if (!demoOk) {
                LogProblems.print(work, 8, System.out);
            }
            System.out.println(demoOk ? "Demo finished as expected." : "Demo did NOT show what it should.");
            return demoOk ? 0 : 1;
        }
        System.out.println("Stockflow is running. Press Ctrl-C to stop.");
        Thread.currentThread().join();
        return 0;
    }
}
