package io.stockflow.gateway.access;

import io.stockflow.gateway.support.GatewayClient;
import io.stockflow.gateway.support.GatewayTest;
import io.stockflow.gateway.token.AccessTokenIssuer;
import io.stockflow.gateway.token.SigningKeyRing;
import io.stockflow.gateway.token.SigningKeyRepository;
import io.stockflow.gateway.token.SigningKeys;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.common.security.Role;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, CORS for the configured dashboard, and signing keys shared between replicas. */
@GatewayTest
@TestPropertySource(properties = {"stockflow.gateway.rate-limits.users.replenish-rate=1",
        "stockflow.gateway.rate-limits.users.burst-capacity=3",
        "stockflow.gateway.rate-limits.api-keys.replenish-rate=1",
        "stockflow.gateway.rate-limits.api-keys.burst-capacity=3",
        "stockflow.gateway.cors.allowed-origins=https://dashboard.example"})
class AbuseProtectionIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator transactions;
    @Autowired
    SigningKeyRing ring;
    @Autowired
    SigningKeys signingKeys;

    @Test
    void aUserOverTheRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        GatewayClient gateway = new GatewayClient(port);
        String first = gateway.tokenWithRoles("VIEWER");
        String second = gateway.tokenWithRoles("VIEWER");
        EntityExchangeResult<byte[]> refused = overTheLimit(gateway, "Authorization", "Bearer " + first);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("/problems/rate-limited");
        gateway.http().get().uri("/api/auth/me").header("Authorization", "Bearer " + second).exchange()
                .expectStatus().isOk();
    }

    @Test
    void anApiKeyOverItsRateLimitGets429Too() {
        GatewayClient gateway = new GatewayClient(port);
        String created = gateway.http().post().uri("/api/admin/api-keys")
                .header("Authorization", "Bearer " + gateway.adminToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"tills\", \"roles\": [\"VIEWER\"]}")
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String key = JsonPath.read(created, "$.key");
        EntityExchangeResult<byte[]> refused = overTheLimit(gateway, "X-Api-Key", key);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(JsonPath.<String>read(body(refused), "$.detail")).contains("API key");
    }

    /**
     * Sends 8 requests as fast as they go and returns the first 429. A burst of 3 then one a second: at least two of
     * the 8 are refused unless the machine takes seconds per request. The refusal is asserted on as it came (a
     * separate request after the loop could find a token replenished meanwhile on a slow machine).
     */
    private static EntityExchangeResult<byte[]> overTheLimit(GatewayClient gateway, String header, String value) {
        List<EntityExchangeResult<byte[]>> refused = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EntityExchangeResult<byte[]> result = gateway.http().get().uri("/api/auth/me").header(header, value)
                    .exchange().expectBody().returnResult();
            assertThat(result.getStatus().value()).isIn(200, 429);
            if (result.getStatus().value() == 429) {
                refused.add(result);
            }
        }
        assertThat(refused).hasSizeGreaterThanOrEqualTo(2);
        return refused.get(0);
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    @Test
    void theConfiguredDashboardMayCallCrossOriginAndOthersMayNot() {
        GatewayClient gateway = new GatewayClient(port);
        gateway.http().options().uri("/api/ml/forecast").header("Origin", "https://dashboard.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://dashboard.example");
        gateway.http().options().uri("/api/ml/forecast").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").exchange()
                .expectStatus().isForbidden();
    }

    /** A second replica on the same database signs and verifies with the same keys, and follows a rotation. */
    @Test
    void replicasShareSigningKeysThroughTheDatabase() {
        Clock clock = Clock.systemUTC();
        SigningKeyRing otherRing = new SigningKeyRing(clock);
        SigningKeys otherReplica = new SigningKeys(new SigningKeyRepository(db, transactions, null), otherRing, clock,
                Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(30));
        otherReplica.initialise().block();
        assertThat(otherRing.currentKeyId()).isEqualTo(ring.currentKeyId());

        String fromOther = new AccessTokenIssuer(otherRing, clock, Duration.ofMinutes(15))
                .issue("planner-on-replica-2", Set.of(Role.PLANNER)).token();
        new GatewayClient(port).http().get().uri("/api/auth/me").header("Authorization", "Bearer " + fromOther)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.subject").isEqualTo("planner-on-replica-2");

        // the other replica rotates: a token signed with its new key is accepted here at once (unknown key id →
        // reload), and tokens signed before the rotation stay valid
        String beforeRotation = fromOther;
        otherReplica.rotate().block();
        String afterRotation = new AccessTokenIssuer(otherRing, clock, Duration.ofMinutes(15))
                .issue("planner-on-replica-2", Set.of(Role.PLANNER)).token();
        AccessTokenVerifier here = new AccessTokenVerifier(ring::publicKey, clock);
        for (String token : new String[]{beforeRotation, afterRotation}) {
            new GatewayClient(port).http().get().uri("/api/auth/me").header("Authorization", "Bearer " + token)
                    .exchange().expectStatus().isOk();
        }
        assertThat(here.verify(afterRotation).subject()).isEqualTo("planner-on-replica-2");
        assertThat(ring.currentKeyId()).isEqualTo(otherRing.currentKeyId());
        signingKeys.reload().block();
    }
}
