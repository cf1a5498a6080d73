package io.stockflow.ingestion.intake;

import io.stockflow.common.security.Role;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The service checks who posts POS data itself: a request that bypasses the gateway is not trusted. */
@IntegrationTest
class PosIntakeAccessTest {

    @Autowired
    WebTestClient client;

    private static String transaction() {
        return """
                {"product_id": "P1", "store_id": "S-%s", "quantity": 1, "unit_price": 2.5,
                 "transaction_timestamp": "%s"}""".formatted(UUID.randomUUID().toString().substring(0, 8),
                Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
    }

    private WebTestClient.ResponseSpec post(WebTestClient client, String authorization) {
        return client.post().uri("/api/data/pos/transaction").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .bodyValue(transaction()).exchange();
    }

    @Test
    void anIngestTokenPostsATransaction() {
        post(client, TestTokens.bearer(Role.INGEST))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);
    }

    @Test
    void aViewerMayReadTheQualityReportButNotPost() {
        post(client, TestTokens.bearer(Role.VIEWER))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden")
                .jsonPath("$.instance").isEqualTo("/api/data/pos/transaction")
                .jsonPath("$.request_id").exists();
        client.get().uri("/api/data/quality").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(Role.VIEWER))
                .exchange().expectStatus().isOk();
    }

    @Test
    void theSenderOfABatchAndPeopleMayReadBatches() {
        for (Role role : List.of(Role.INGEST, Role.VIEWER)) {
            client.get().uri("/api/data/batches/no-such-batch/rejected")
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(role)).exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/batch-not-found");
        }
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        post(TestTokens.withoutToken(client), null)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/authentication-required");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        post(client, TestTokens.forgedBearer(Role.INGEST))
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-token");
    }
}
