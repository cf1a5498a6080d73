package io.stockflow.tools;

import io.stockflow.common.json.StockflowJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A client of the local gateway: logs in as the administrator and creates API keys, as a person would with curl. */
public final class GatewaySession {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final String accessToken;

    private GatewaySession(String gatewayUrl, String accessToken) {
        this.gatewayUrl = gatewayUrl;
        this.accessToken = accessToken;
    }

    public static GatewaySession login(String gatewayUrl, String username, String password)
            throws IOException, InterruptedException {
        GatewaySession anonymous = new GatewaySession(gatewayUrl, null);
        JsonNode session = anonymous.post("/api/auth/login", Map.of("username", username, "password", password));
        return new GatewaySession(gatewayUrl, session.path("access_token").asString());
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** {@code Authorization} header value for this session. */
    public String bearer() {
        return "Bearer " + accessToken;
    }

    /** @return the new key (shown once) */
    public String createApiKey(String name, String... roles) throws IOException, InterruptedException {
        return post("/api/admin/api-keys", Map.of("name", name, "roles", roles, "valid_for_days", 1))
                .path("key").asString();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).header("Authorization", bearer())
                .timeout(Duration.ofMinutes(2)).build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(StockflowJson.mapper().writeValueAsString(body)));
        if (accessToken != null) {
            request.header("Authorization", bearer());
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    public JsonNode put(String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Content-Type", "application/json").header("Authorization", bearer())
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(StockflowJson.mapper().writeValueAsString(body))).build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public void delete(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).header("Authorization", bearer())
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("DELETE " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static JsonNode answer(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return StockflowJson.mapper().readTree(response.body());
    }
}
