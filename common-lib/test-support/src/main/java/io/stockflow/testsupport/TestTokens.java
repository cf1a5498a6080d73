package io.stockflow.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.stockflow.common.security.AccessTokens;
import io.stockflow.common.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens for integration tests, signed as the gateway signs them, and the gateway's side of trusting them:
 * one RSA key pair per JVM (RS256, as the gateway signs) whose public half a real HTTP server on 127.0.0.1 publishes as a JWK Set.
 * {@link InfrastructureInitializer} points {@code stockflow.security.jwks-uri} at it, so a service under test
 * verifies these tokens exactly as it verifies the gateway's. The {@code @IntegrationTest} WebTestClient sends an
 * ADMIN token by default; a test that needs another role sets its own Authorization header on the request, one
 * that needs none uses {@link #withoutToken(WebTestClient)}.
 */
public final class TestTokens {

    public static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final KeyPair KEYS = Jwts.SIG.RS256.keyPair().build();
    private static final String KEY_ID = "test-" + UUID.randomUUID();
    private static URI jwksUri;

    private TestTokens() {
    }

    /** {@code Bearer <token>}: the Authorization header value of a caller holding these roles. */
    public static String bearer(Role... roles) {
        return "Bearer " + token(roles);
    }

    /** A signed access token for subject {@code test-user} with these roles, valid for 15 minutes. */
    public static String token(Role... roles) {
        return sign("test-user", KEYS, LIFETIME, roles);
    }

    /**
     * The default client's ADMIN header: like {@link #bearer(Role...)} but valid for 12 hours, because a client is
     * built once per (cached) test context, which may well outlive 15 minutes in a long build.
     */
    static String longLivedBearer(Role... roles) {
        return "Bearer " + sign("test-admin", KEYS, Duration.ofHours(12), roles);
    }

    /** The same client without the default token: for what a caller without any token gets. */
    public static WebTestClient withoutToken(WebTestClient client) {
        return client.mutate().defaultHeaders(headers -> headers.remove(HttpHeaders.AUTHORIZATION)).build();
    }

    /**
     * {@code Bearer <token>} shaped and key-id'd exactly like a good one, but signed by a key nobody published:
     * what a forger holding everything but the gateway's private key could send.
     */
    public static String forgedBearer(Role... roles) {
        return "Bearer " + sign("test-user", Jwts.SIG.RS256.keyPair().build(), LIFETIME, roles);
    }

    /** The JWK Set of the test signing key, served once per JVM from 127.0.0.1. */
    public static synchronized URI jwksUri() {
        if (jwksUri == null) {
            jwksUri = serveJwks();
        }
        return jwksUri;
    }

    /** Mirrors the gateway's AccessTokenIssuer: kid header, issuer, audience, subject, id, iat, exp, sorted roles. */
    private static String sign(String subject, KeyPair keys, Duration lifetime, Role... roles) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header().keyId(KEY_ID).and()
                .issuer(AccessTokens.ISSUER).audience().add(AccessTokens.AUDIENCE).and()
                .subject(subject)
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .claim(AccessTokens.ROLES_CLAIM, Arrays.stream(roles).map(Role::name).sorted().distinct().toList())
                .signWith(keys.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    private static URI serveJwks() {
        byte[] jwks = ("{\"keys\":[" + Jwks.json(Jwks.builder().key(KEYS.getPublic()).id(KEY_ID).publicKeyUse("sig")
                .build()) + "]}").getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(JWKS_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stockflow-test-jwks-stop"));
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JWKS server", e);
        }
    }
}
