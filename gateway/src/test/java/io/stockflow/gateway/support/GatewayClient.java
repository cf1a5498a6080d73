package io.stockflow.gateway.support;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

/** Talks to a gateway under test as a client would, with no default credentials. */
public final class GatewayClient {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private final WebTestClient client;

    public GatewayClient(int port) {
        this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public WebTestClient http() {
        return client;
    }

    /** @return an access token */
    public String login(String username, String password) {
        return JsonPath.read(session(username, password), "$.access_token");
    }

    /** @return a refresh token of a fresh login */
    public String refreshToken(String username, String password) {
        return JsonPath.read(session(username, password), "$.refresh_token");
    }

    private String session(String username, String password) {
        return client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec refresh(String refreshToken) {
        return client.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refresh_token\": \"" + refreshToken + "\"}").exchange();
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Creates a user with the given roles (as the administrator) and returns its id. */
    public UUID createUser(String username, String password, String... roles) {
        String body = "{\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"roles\": [\""
                + String.join("\", \"", roles) + "\"]}";
        String created = client.post().uri("/api/admin/users").header("Authorization", "Bearer " + adminToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return UUID.fromString(JsonPath.read(created, "$.id"));
    }

    /** A fresh user with these roles, logged in: its access token. */
    public String tokenWithRoles(String... roles) {
        String username = "user-" + UUID.randomUUID();
        createUser(username, "a long enough password", roles);
        return login(username, "a long enough password");
    }
}
