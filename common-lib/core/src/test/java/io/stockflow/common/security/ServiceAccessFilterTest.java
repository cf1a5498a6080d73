package io.stockflow.common.security;

import io.jsonwebtoken.security.Jwks;
import io.stockflow.common.web.ProblemWebExceptionHandler;
import io.stockflow.common.web.RequestIdWebFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;

import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The filter in a real WebFlux handler chain, with the problem rendering every service has. */
class ServiceAccessFilterTest {

    private static final Instant NOW = Instant.now();

    private final KeyPair gatewayKey = Jwks.CRV.Ed25519.keyPair().build();
    private final JwksServer gateway = new JwksServer().publish(Map.of("k1", gatewayKey.getPublic()));

    private final RouterFunction<ServerResponse> routes = RouterFunctions.route()
            // answers who called, read from the Reactor context and from the exchange
            .POST("/api/data/pos/transaction", request -> CurrentCaller.get().flatMap(caller ->
                    ServerResponse.accepted().bodyValue(caller.subject() + " "
                            + CurrentCaller.of(request.exchange()).orElseThrow().roles())))
            .POST("/api/ml/models/train", request -> ServerResponse.ok().bodyValue("training"))
            .GET("/actuator/prometheus", request -> ServerResponse.ok().bodyValue("metrics"))
            .GET("/v3/api-docs", request -> CurrentCaller.get().map(c -> "someone").defaultIfEmpty("anyone")
                    .flatMap(who -> ServerResponse.ok().bodyValue(who)))
            .build();

    @AfterEach
    void stop() {
        gateway.close();
    }

    private WebTestClient client(URI jwks) {
        RemoteJwks keys = new RemoteJwks(WebClient.create(), jwks, Clock.systemUTC(), new RemoteJwks.Timing(
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(2)));
        ServiceAccessFilter filter = new ServiceAccessFilter(AccessPolicy.stockflow(),
                new TokenAuthenticator(keys, Clock.systemUTC()));
        return WebTestClient.bindToServer(new HttpHandlerConnector(
                WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes))
                        .filter(new RequestIdWebFilter(), filter)
                        .exceptionHandler(new ProblemWebExceptionHandler(ServerCodecConfigurer.create()))
                        .build())).build();
    }

    private WebTestClient.ResponseSpec postTransaction(WebTestClient client, String authorization) {
        return client.post().uri("/api/data/pos/transaction")
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                }).exchange();
    }

    private static void expectUnauthorized(WebTestClient.ResponseSpec response, String type) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/" + type)
                .jsonPath("$.instance").isEqualTo("/api/data/pos/transaction")
                .jsonPath("$.request_id").exists();
    }

    @Test
    void anAdmittedRolePassesAndTheHandlerKnowsTheCaller() {
        postTransaction(client(gateway.uri()), "Bearer " + Tokens.signed("k1", gatewayKey, NOW, "INGEST"))
                .expectStatus().isAccepted()
                .expectBody(String.class).isEqualTo("alice [INGEST]");
    }

    @Test
    void noTokenOrAnotherSchemeIsAuthenticationRequired() {
        WebTestClient client = client(gateway.uri());
        expectUnauthorized(postTransaction(client, null), "authentication-required");
        expectUnauthorized(postTransaction(client, "Basic YWxpY2U6c2VjcmV0"), "authentication-required");
        expectUnauthorized(postTransaction(client, "Bearer "), "authentication-required");
    }

    @Test
    void untrustworthyTokensAreInvalid() {
        WebTestClient client = client(gateway.uri());
        KeyPair attacker = Jwks.CRV.Ed25519.keyPair().build();
        expectUnauthorized(postTransaction(client, "Bearer " + Tokens.unsigned("k1", NOW, "ADMIN")), "invalid-token");
        expectUnauthorized(postTransaction(client, "Bearer " + Tokens.signed("k1", attacker, NOW, "ADMIN")),
                "invalid-token");
        expectUnauthorized(postTransaction(client, "Bearer " + Tokens.expired("k1", gatewayKey, NOW, "INGEST")),
                "invalid-token");
        expectUnauthorized(postTransaction(client, "Bearer " + Tokens.tampered(
                Tokens.signed("k1", gatewayKey, NOW, "VIEWER"), "VIEWER", "INGEST")), "invalid-token");
        expectUnauthorized(postTransaction(client, "Bearer garbage"), "invalid-token");
    }

    @Test
    void aRoleTheMatrixDoesNotAdmitIsForbidden() {
        WebTestClient client = client(gateway.uri());
        client.post().uri("/api/ml/models/train")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.signed("k1", gatewayKey, NOW, "VIEWER"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("PLANNER"));
        client.post().uri("/api/ml/models/train")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.signed("k1", gatewayKey, NOW, "PLANNER"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void publicAndOperationalRoutesNeedNoToken() {
        WebTestClient client = client(gateway.uri());
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("anyone");
        // a public route does not look at a token at all, not even a bad one
        client.get().uri("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer garbage").exchange()
                .expectStatus().isOk();
    }

    @Test
    void withoutTheGatewaysKeysTheAnswerIs503NotA500() throws Exception {
        URI nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + free.getLocalPort() + JwksServer.PATH);
        }
        postTransaction(client(nowhere), "Bearer " + Tokens.signed("k1", gatewayKey, NOW, "INGEST"))
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/keys-unavailable");
    }
}
