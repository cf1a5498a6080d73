package io.stockflow.testsupport;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The operational endpoints every Stockflow service must expose, checked the same way for each service. */
public final class ActuatorContract {

    private ActuatorContract() {
    }

    public static void assertProbesAndMetrics(WebTestClient client, String applicationName) {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        String metrics = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName + "\"");
    }
}
