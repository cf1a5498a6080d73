package io.stockflow.gateway.token;

import com.jayway.jsonpath.JsonPath;
import io.stockflow.common.security.RemoteJwks;
import io.stockflow.common.security.TokenAuthenticator;
import io.stockflow.gateway.GatewayApplication;
import io.stockflow.gateway.support.GatewayClient;
import io.stockflow.gateway.support.GatewayTest;
import io.stockflow.testsupport.Replicas;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas on one database and one Redis, as on Kubernetes, and a service verifying tokens with the
 * second one's JWK Set. A rotation on the first publishes the next key to both JWK Sets before either signs with
 * it, so no token of either gateway is refused by the service, or by the other gateway, across the switch-over.
 * Short intervals (keys reloaded every second, published 8 s before they sign), and no assertion on how fast
 * anything happens beyond that.
 */
@GatewayTest
@DirtiesContext // its key upkeep runs every second; the second gateway shares its database
@TestPropertySource(properties = {"stockflow.auth.signing-keys.reload-period=1s",
        "stockflow.security.jwks-refresh=2s",
        "stockflow.auth.signing-keys.activation-delay=8s"})
class TwoGatewayKeyRotationTest {

    /** What the second gateway takes from the first one's environment: the same stores and key timing. */
    private static final List<String> SHARED = List.of("spring.r2dbc.url", "spring.r2dbc.username",
            "spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
            "spring.data.redis.host", "spring.data.redis.port", "stockflow.auth.initial-admin-password",
            "stockflow.auth.signing-keys.reload-period", "stockflow.security.jwks-refresh",
            "stockflow.auth.signing-keys.activation-delay");
    private static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    @Test
    void aRotationOnOneGatewayFailsNoTokenOfEitherAtTheServiceOrTheOtherGateway() {
        try (ConfigurableApplicationContext secondContext = startSecondGateway()) {
            GatewayClient first = new GatewayClient(port);
            GatewayClient second = new GatewayClient(secondContext.getEnvironment()
                    .getRequiredProperty("local.server.port", Integer.class));
            Map<GatewayClient, String> names = Map.of(first, "first", second, "second");
            // a service as configured in production (10 s between refreshes), but with a short refresh interval
            TokenAuthenticator service = new TokenAuthenticator(new RemoteJwks(WebClient.create(),
                    URI.create("http://127.0.0.1:" + secondContext.getEnvironment()
                            .getRequiredProperty("local.server.port") + "/.well-known/jwks.json"),
                    Clock.systemUTC(), new RemoteJwks.Timing(Duration.ofSeconds(2), Duration.ofSeconds(10),
                    Duration.ofMinutes(30), Duration.ofSeconds(5))), Clock.systemUTC());
            String user = "rotation-" + UUID.randomUUID();
            first.createUser(user, PASSWORD, "VIEWER");
            String formerKid = kid(first.login(user, PASSWORD));
            assertThat(kid(second.login(user, PASSWORD))).isEqualTo(formerKid);

            Instant requested = Instant.now();
            String rotation = first.http().post().uri("/api/admin/signing-keys/rotate")
                    .header("Authorization", "Bearer " + first.adminToken()).exchange()
                    .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
            String nextKid = JsonPath.read(rotation, "$.kid");
            assertThat(JsonPath.<String>read(rotation, "$.state")).isEqualTo("next");
            assertThat(Instant.parse(JsonPath.read(rotation, "$.activate_at")))
                    .isAfterOrEqualTo(requested.plusSeconds(8));

            // log in through both, in turn, until both sign with the new key; check every token everywhere
            List<String> failures = new CopyOnWriteArrayList<>();
            Map<String, Set<String>> kidsByGateway = new ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (GatewayClient gateway : List.of(second, first)) {
                    List<String> publishedBeforeLogin = new ArrayList<>(jwksKids(first));
                    publishedBeforeLogin.retainAll(jwksKids(second));
                    String token = gateway.login(user, PASSWORD);
                    String kid = kid(token);
                    kidsByGateway.computeIfAbsent(names.get(gateway), name -> ConcurrentHashMap.newKeySet()).add(kid);
                    String where = names.get(gateway) + " gateway's token of key " + kid;
                    if (kid.equals(nextKid) && !publishedBeforeLogin.contains(nextKid)) {
                        failures.add(where + ": signed before both JWK Sets listed the key");
                    }
                    try {
                        assertThat(service.authenticate(token).block(Duration.ofSeconds(30)).subject())
                                .isEqualTo(user);
                    } catch (RuntimeException | AssertionError refused) {
                        failures.add(where + ": refused by the service: " + refused);
                    }
                    GatewayClient otherGateway = gateway == first ? second : first;
                    int status = otherGateway.http().get().uri("/api/auth/me")
                            .header("Authorization", "Bearer " + token).exchange().expectBody().returnResult()
                            .getStatus().value();
                    if (status != 200) {
                        failures.add(where + ": " + status + " at the other gateway");
                    }
                }
                return !failures.isEmpty() || kidsByGateway.values().stream().allMatch(kids -> kids.contains(nextKid));
            });
            assertThat(failures).isEmpty();
            assertThat(kidsByGateway).containsOnlyKeys("first", "second");
            assertThat(kidsByGateway.values()).allSatisfy(kids -> assertThat(kids).contains(formerKid, nextKid));
            // the former key is retired, not withdrawn: its tokens keep verifying until they expire
            assertThat(jwksKids(second)).contains(formerKid, nextKid);
        }
    }

    private ConfigurableApplicationContext startSecondGateway() {
        return Replicas.start(GatewayApplication.class, environment, SHARED, "--management.server.port=0");
    }

    private static String kid(String token) {
        return JsonPath.read(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8), "$.kid");
    }

    private static List<String> jwksKids(GatewayClient gateway) {
        String jwks = gateway.http().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.read(jwks, "$.keys[*].kid");
    }
}
