package io.stockflow.recommendation;

import io.stockflow.testsupport.ActuatorContract;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class OperationalEndpointsTest {

    @Autowired
    WebTestClient client;

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ActuatorContract.assertProbesAndMetrics(client, "recommendation-service");
    }
}
