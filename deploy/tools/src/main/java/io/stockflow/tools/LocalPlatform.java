package io.stockflow.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy/run-local.sh}: starts Stockflow on embedded defaults (Kafka broker process, local or embedded
 * PostgreSQL and Redis, every service), runs the demo, prints where to look next, and keeps running until
 * Ctrl-C. Options: {@code --exit-after-demo}, {@code --no-demo}, {@code --stores N}, {@code --skus N},
 * {@code --days N}.
 */
public final class LocalPlatform {

    /** Module and port of every service, in start order. */
    static final Map<String, Integer> SERVICES = new java.util.LinkedHashMap<>();

    static {
        SERVICES.put("ingestion-service", 8081);
        SERVICES.put("forecasting-service", 8082);
        SERVICES.put("inventory-service", 8083);
        SERVICES.put("notification-service", 8084);
        SERVICES.put("recommendation-service", 8085);
        SERVICES.put("gateway", 8080);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.of(args);
        boolean demo = !options.flag("--no-demo");
        boolean exitAfterDemo = options.flag("--exit-after-demo");
        int stores = options.integer("--stores", 8);
        int skus = options.integer("--skus", 300);
        int days = options.integer("--days", 120);
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
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofMinutes(3));
            System.out.printf("  %-24s ready at %s (log %s)%n", service.name(), service.baseUrl(),
                    root.relativize(service.log()));
        }

        System.out.println(howToLogIn(services.stream().filter(s -> s.name().equals("gateway")).findFirst()
                .orElseThrow()));
        boolean demoOk = true;
        if (demo) {
            demoOk = Demo.run("http://127.0.0.1:8081", Demo.demoHistory(stores, skus, days), 0.005, System.out);
        }
        System.out.println("""

                Where to look next:
                  ingestion API        curl -s 'http://127.0.0.1:8081/api/data/quality' | jq
                  health and metrics   http://127.0.0.1:8081/actuator/health  /actuator/prometheus (every service)
                  Kafka topics         pos.transactions, pos.transactions.dlq on 127.0.0.1:9092
                  statistics in SQL    psql -h 127.0.0.1 -U postgres stockflow -c 'select * from ingestion.ingestion_batch'
                  logs                 .local/logs/<service>.log, Kafka in .local/kafka/broker.log
                """);
        if (exitAfterDemo) {
            System.out.println(demoOk ? "Demo finished as expected." : "Demo did NOT show what it should.");
            System.exit(demoOk ? 0 : 1);
        }
        System.out.println("Stockflow is running. Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }


    /** The gateway prints the first administrator's generated password once, at its first start. */
    private static String howToLogIn(ServiceProcess gateway) throws java.io.IOException {
        String password = System.getenv("STOCKFLOW_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            password = java.nio.file.Files.readAllLines(gateway.log()).stream()
                    .filter(line -> line.startsWith("Stockflow first start:"))
                    .map(line -> line.replaceAll(".* with password (\\S+) .*", "$1"))
                    .findFirst().orElse(null);
        }
        String credentials = password == null
                ? "{\"username\":\"admin\",\"password\":\"<printed at the gateway's first start>\"}"
                : "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
        return "\nLog in (gateway):\n  curl -s -X POST http://127.0.0.1:8080/api/auth/login -H 'Content-Type: application/json' "
                + "-d '" + credentials + "'";
    }

    private LocalPlatform() {
    }
}
