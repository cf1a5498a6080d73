package io.stockflow.common.security;

import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final RemoteJwks.Timing TIMING = new RemoteJwks.Timing(Duration.ofMinutes(5),
            Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(2));

    private final KeyPair gatewayKey = Jwks.CRV.Ed25519.keyPair().build();
    private final KeyPair nextKey = Jwks.CRV.Ed25519.keyPair().build();
    private final MutableClock clock = new MutableClock(NOW);
    private final JwksServer gateway = new JwksServer().publish(Map.of("k1", gatewayKey.getPublic()));

    @AfterEach
    void stop() {
        gateway.close();
    }

    private TokenAuthenticator authenticator(URI jwks) {
        return new TokenAuthenticator(new RemoteJwks(WebClient.create(), jwks, clock, TIMING), clock);
    }

    private static AuthenticatedPrincipal await(Mono<AuthenticatedPrincipal> principal) {
        return principal.block(Duration.ofSeconds(10));
    }

    @Test
    void aTokenOfAPublishedKeyPassesAndTheKeysAreFetchedOnce() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        AuthenticatedPrincipal principal = await(authenticator.authenticate(
                Tokens.signed("k1", gatewayKey, NOW, "PLANNER", "VIEWER")));
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.roles()).containsExactlyInAnyOrder(Role.PLANNER, Role.VIEWER);
        await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, NOW, "VIEWER")));
        assertThat(gateway.fetches()).isEqualTo(1);
    }

    @Test
    void unsignedForeignExpiredAndTamperedTokensAreRefused() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        KeyPair attacker = Jwks.CRV.Ed25519.keyPair().build();
        List<String> bad = List.of(
                Tokens.unsigned("k1", NOW, "ADMIN"),
                Tokens.signed("k1", attacker, NOW, "ADMIN"),
                Tokens.expired("k1", gatewayKey, NOW, "VIEWER"),
                Tokens.tampered(Tokens.signed("k1", gatewayKey, NOW, "VIEWER"), "VIEWER", "ADMIN"),
                "not-a-token", "e30.e30.", "!!.x.y");
        for (String token : bad) {
            assertThatThrownBy(() -> await(authenticator.authenticate(token))).as(token)
                    .isInstanceOf(InvalidTokenException.class);
        }
    }

    /**
     * The rotation case: the gateway publishes the next key, then signs with it. A refresh a moment before (here
     * the first fetch, 2 s earlier; 10 s is the minimum gap) does not keep the new key's first token out: it was
     * issued after that fetch began, so the set may not know its key, and it is fetched again at once.
     */
    @Test
    void aTokenIssuedAfterTheLastFetchWithAnUnknownKeyIdRefreshesAtOnceDespiteTheMinimumGap() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, NOW, "VIEWER")));
        gateway.publish(Map.of("k1", gatewayKey.getPublic(), "k2", nextKey.getPublic()));

        clock.advance(Duration.ofSeconds(2));
        String firstOfTheNewKey = Tokens.signed("k2", nextKey, clock.instant(), "VIEWER");
        assertThat(await(authenticator.authenticate(firstOfTheNewKey)).roles()).containsExactly(Role.VIEWER);
        assertThat(gateway.fetches()).isEqualTo(2);
        // the former key still verifies while it is published, from the cache
        assertThat(await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, clock.instant(), "ANALYST")))
                .roles()).containsExactly(Role.ANALYST);
        assertThat(gateway.fetches()).isEqualTo(2);
    }

    /** Made-up key ids cost the gateway at most one fetch per gap, or a second for ones claiming to be newer. */
    @Test
    void unknownKeyIdsRefreshRateLimited() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        KeyPair forger = Jwks.CRV.Ed25519.keyPair().build();
        await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, NOW, "VIEWER")));

        // issued before the last fetch: that set would have had its key; no refresh within the 10 s gap
        clock.advance(Duration.ofSeconds(5));
        String old = Tokens.signed("made-up", forger, NOW.minusSeconds(60), "ADMIN");
        assertThatThrownBy(() -> await(authenticator.authenticate(old))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(1);

        // claiming to be newer than the set: one refresh, then none for a second however many follow
        String fresh = Tokens.signed("made-up", forger, clock.instant(), "ADMIN");
        assertThatThrownBy(() -> await(authenticator.authenticate(fresh))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(2);
        clock.advance(Duration.ofMillis(500));
        for (int i = 0; i < 5; i++) {
            String future = Tokens.signed("made-up-" + i, forger, clock.instant().plusSeconds(60), "ADMIN");
            assertThatThrownBy(() -> await(authenticator.authenticate(future)))
                    .isInstanceOf(InvalidTokenException.class);
        }
        assertThat(gateway.fetches()).isEqualTo(2);
        clock.advance(Duration.ofMillis(600));
        String later = Tokens.signed("made-up", forger, clock.instant(), "ADMIN");
        assertThatThrownBy(() -> await(authenticator.authenticate(later))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(3);

        // an old token again waits out the full gap from the last fetch
        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> await(authenticator.authenticate(old))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> await(authenticator.authenticate(old))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(4);
    }

    @Test
    void concurrentCallersWithAnUnknownKeyIdShareOneFetch() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        gateway.publish(Map.of("k1", gatewayKey.getPublic(), "k2", nextKey.getPublic())).delay(300);
        List<AuthenticatedPrincipal> principals = Flux.range(0, 50)
                .flatMap(i -> authenticator.authenticate(Tokens.signed(i % 2 == 0 ? "k1" : "k2",
                        i % 2 == 0 ? gatewayKey : nextKey, NOW, "VIEWER")), 50)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(principals).hasSize(50);
        assertThat(gateway.fetches()).isEqualTo(1);
    }

    @Test
    void aWithdrawnKeyStopsVerifyingAfterThePeriodicRefresh() {
        TokenAuthenticator authenticator = authenticator(gateway.uri());
        gateway.publish(Map.of("k1", gatewayKey.getPublic(), "k2", nextKey.getPublic()));
        await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, NOW, "VIEWER")));
        gateway.publish(Map.of("k2", nextKey.getPublic()));

        clock.advance(Duration.ofMinutes(4));
        await(authenticator.authenticate(Tokens.signed("k1", gatewayKey, clock.instant(), "VIEWER")));
        assertThat(gateway.fetches()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        String old = Tokens.signed("k1", gatewayKey, clock.instant(), "VIEWER");
        assertThatThrownBy(() -> await(authenticator.authenticate(old))).isInstanceOf(InvalidTokenException.class);
        assertThat(gateway.fetches()).isEqualTo(2);
    }

    @Test
    void withTheGatewayUnreachableVerificationFailsClosed() throws Exception {
        URI nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + free.getLocalPort() + JwksServer.PATH);
        }
        TokenAuthenticator neverLoaded = authenticator(nowhere);
        String token = Tokens.signed("k1", gatewayKey, NOW, "VIEWER");
        assertThatThrownBy(() -> await(neverLoaded.authenticate(token)))
                .isInstanceOf(SigningKeysUnavailableException.class);

        // keys fetched once, then the gateway goes away: the last set serves until it is 30 minutes old
        TokenAuthenticator loaded = authenticator(gateway.uri());
        await(loaded.authenticate(token));
        gateway.close();
        clock.advance(Duration.ofMinutes(29));
        assertThat(await(loaded.authenticate(Tokens.signed("k1", gatewayKey, clock.instant(), "VIEWER"))).subject())
                .isEqualTo("alice");
        clock.advance(Duration.ofMinutes(1));
        String later = Tokens.signed("k1", gatewayKey, clock.instant(), "VIEWER");
        assertThatThrownBy(() -> await(loaded.authenticate(later)))
                .isInstanceOf(SigningKeysUnavailableException.class);
    }

    @Test
    void onlyPublicSignatureKeysAreTakenFromTheSet() {
        KeyPair agreement = Jwks.CRV.X25519.keyPair().build();
        String encryptionUse = Jwks.json(Jwks.builder().key(nextKey.getPublic()).id("enc").publicKeyUse("enc").build());
        String x25519 = Jwks.json(Jwks.builder().key(agreement.getPublic()).id("x").build());
        String secret = "{\"kty\":\"oct\",\"kid\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";
        String noKid = Jwks.json(Jwks.builder().key(nextKey.getPublic()).publicKeyUse("sig").build());
        String good = Jwks.json(Jwks.builder().key(gatewayKey.getPublic()).id("k1").publicKeyUse("sig").build());
        assertThat(RemoteJwks.parse("{\"keys\":[" + String.join(",", encryptionUse, x25519, secret, noKid, good)
                + "]}")).containsOnlyKeys("k1");
    }
}
