package io.stockflow.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The gateway started for a local run or a benchmark, with an administrator password chosen for this run. */
final class LocalGateway implements AutoCloseable {

    static final int PORT = 8080;
    static final int MANAGEMENT_PORT = 8090;
    static final String URL = "http://127.0.0.1:" + PORT;

    private final ServiceProcess process;
    private final String adminPassword;

    private LocalGateway(ServiceProcess process, String adminPassword) {
        this.process = process;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts the gateway (without waiting for it): the administrator's password is set to a fresh one. The reset also
     * makes the gateway forget the failed logins earlier runs or tests left against {@code admin} in a shared Redis,
     * so this run's own login is never throttled.
     */
    static LocalGateway start(Path root, LocalInfrastructure infra, Path work) throws IOException {
        return start(root, infra, work, Map.of(), SMALL_FOOTPRINT);
    }

    /** The local run's JVM settings: every service small, on one machine. */
    static final List<String> SMALL_FOOTPRINT = List.of("-Xmx384m", "-XX:+UseSerialGC");

    /**
     * @param settings   extra environment, e.g. rate limits a load test must not hit
     * @param jvmOptions heap and collector (a benchmark gives the gateway what it gives the service it compares with)
     */
    static LocalGateway start(Path root, LocalInfrastructure infra, Path work, Map<String, String> settings,
                              List<String> jvmOptions) throws IOException {
        String password = System.getenv().getOrDefault("STOCKFLOW_ADMIN_PASSWORD", randomPassword());
        Map<String, String> environment = new HashMap<>(infra.serviceEnvironment());
        environment.put("MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT));
        environment.put("STOCKFLOW_ADMIN_PASSWORD", password);
        environment.put("STOCKFLOW_ADMIN_PASSWORD_RESET", "true");
        environment.putAll(settings);
        return new LocalGateway(ServiceProcess.start(root, "gateway", PORT, environment, work.resolve("logs"),
                jvmOptions), password);
    }

    ServiceProcess process() {
        return process;
    }

    String adminPassword() {
        return adminPassword;
    }

    /** Waits until the gateway is ready, then logs in as the administrator. */
    GatewaySession adminSession() throws IOException, InterruptedException {
        process.awaitReady(Duration.ofMinutes(3));
        return GatewaySession.login(URL, "admin", adminPassword);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        process.close();
    }
}
