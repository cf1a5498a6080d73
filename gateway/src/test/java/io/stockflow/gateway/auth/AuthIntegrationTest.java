package io.stockflow.gateway.auth;

import com.jayway.jsonpath.JsonPath;
import io.jsonwebtoken.Jwts;
import io.stockflow.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
// A first back-off longer than any pause a slow machine takes between two requests of one test.
@TestPropertySource(properties = {"stockflow.auth.initial-admin-password=correct horse battery staple",
        "management.server.port=0",
        "stockflow.auth.login-throttling.per-user-and-address.first-delay=1m"})
class AuthIntegrationTest {

    @Autowired
    WebTestClient client;

    private String login(String password, int expectedStatus) {
        return client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"admin\", \"password\": \"" + password + "\"}")
                .exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec refresh(String refreshToken) {
        return client.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refresh_token\": \"" + refreshToken + "\"}").exchange();
    }

    @Test
    void theFirstAdministratorLogsInAndSeesWhoTheyAre() {
        String session = login("correct horse battery staple", 200);
        assertThat((String) JsonPath.read(session, "$.token_type")).isEqualTo("Bearer");
        assertThat((Integer) JsonPath.read(session, "$.expires_in")).isBetween(890, 900);
        String access = JsonPath.read(session, "$.access_token");
        client.get().uri("/api/auth/me").header("Authorization", "Bearer " + access).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.subject").isEqualTo("admin").jsonPath("$.roles[0]").isEqualTo("ADMIN");
    }

    @Test
    void wrongPasswordsAndMissingFieldsAreRefusedAsProblems() {
        client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"admin\", \"password\": \"guess\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"nobody\", \"password\": \"guess\"}").exchange()
                .expectStatus().isUnauthorized();
        client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"admin\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.request_id").exists();
    }

    @Test
    void bruteForceLoginsAreThrottledPerUsernameAndAddress() {
        String body = "{\"username\": \"%s\", \"password\": \"%s\"}";
        String user = "victim-" + java.util.UUID.randomUUID();
        for (int attempt = 1; attempt <= 5; attempt++) {
            client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body.formatted(user, "guess-" + attempt)).exchange().expectStatus().isUnauthorized();
        }
        client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.formatted(user, "guess-6")).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", retry -> assertThat(Integer.parseInt(retry)).isBetween(1, 60))
                .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-login-attempts");
        // the counter is per username: the administrator, from the same address, is unaffected
        login("correct horse battery staple", 200);
    }

    @Test
    void refreshRotatesAndReusingASpentRefreshTokenRevokesTheLogin() {
        String session = login("correct horse battery staple", 200);
        String first = JsonPath.read(session, "$.refresh_token");
        String second = JsonPath.read(refresh(first).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody(), "$.refresh_token");
        refresh(first).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/refresh-token-reused");
        refresh(second).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/refresh-token-revoked");
    }

    @Test
    void logoutEndsTheLogin() {
        String session = login("correct horse battery staple", 200);
        String refreshToken = JsonPath.read(session, "$.refresh_token");
        client.post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + JsonPath.read(session, "$.access_token"))
                .bodyValue("{\"refresh_token\": \"" + refreshToken + "\"}").exchange().expectStatus().isNoContent();
        refresh(refreshToken).expectStatus().isUnauthorized();
    }

    @Test
    void meRefusesMissingUnsignedAndForeignTokens() {
        client.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String kid = JsonPath.read(client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectHeader().contentType("application/jwk-set+json")
                .expectBody(String.class).returnResult().getResponseBody(), "$.keys[0].kid");
        var claims = Jwts.builder().header().keyId(kid).and().issuer("stockflow-gateway")
                .audience().add("stockflow").and().subject("admin").claim("roles", List.of("ADMIN"))
                .expiration(new Date(System.currentTimeMillis() + 600_000));
        String unsigned = claims.compact();
        String foreign = claims.signWith(io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair().build().getPrivate(),
                Jwts.SIG.EdDSA).compact();
        for (String token : List.of(unsigned, foreign, "garbage")) {
            client.get().uri("/api/auth/me").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized();
        }
    }
}
