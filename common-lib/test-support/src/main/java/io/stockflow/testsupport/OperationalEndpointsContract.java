package io.stockflow.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every Stockflow service must expose: liveness and readiness probes, and Prometheus metrics tagged with
 * the application's name. A service's test extends this and carries {@link IntegrationTest}.
 */
public abstract class OperationalEndpointsContract {

    @Autowired
    protected WebTestClient client;

    @Value("${spring.application.name}")
    private String applicationName;

    @Test
    public void exposesProbesAndPrometheusMetrics() {
        ActuatorContract.assertProbesAndMetrics(client, applicationName);
    }
}
