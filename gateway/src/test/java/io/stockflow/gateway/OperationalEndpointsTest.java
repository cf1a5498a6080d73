package io.stockflow.gateway;

import io.stockflow.gateway.support.GatewayTest;
import io.stockflow.testsupport.ActuatorContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway's probes and metrics live on the management port, which is never exposed publicly. */
@GatewayTest
class OperationalEndpointsTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void exposesProbesAndPrometheusMetricsOnTheManagementPort() {
        ActuatorContract.assertProbesAndMetrics(
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build(), "gateway");
    }
}
