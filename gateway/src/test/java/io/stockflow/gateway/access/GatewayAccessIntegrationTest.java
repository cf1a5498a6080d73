package io.stockflow.gateway.access;

import com.jayway.jsonpath.JsonPath;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.stockflow.common.security.AccessPolicy;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.Role;
import io.stockflow.gateway.support.GatewayClient;
import io.stockflow.gateway.support.GatewayTest;
import io.stockflow.gateway.support.RecordingHttpServer;
import io.stockflow.gateway.token.SigningKeyRing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The door, end to end: tokens, API keys, roles, routing to real HTTP servers, limits. */
@GatewayTest
class GatewayAccessIntegrationTest {

    private static final RecordingHttpServer downstream = new RecordingHttpServer();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        for (String service : List.of("ingestion", "forecasting", "inventory", "notification")) {
            registry.add("stockflow.gateway.services." + service, downstream::baseUrl);
        }
        registry.add("stockflow.gateway.services.recommendation", () -> "http://127.0.0.1:1"); // nothing listens
        String[][] routes = {
                {"ingestion-batch", "ingestion", "/api/data/pos/batch", "30s", "3MB"},
                {"ingestion", "ingestion", "/api/data/**", "10s", "1MB"},
                {"forecasting", "forecasting", "/api/ml/**", "10s", "1MB"},
                {"inventory", "inventory", "/api/inventory/**", "1s", "1MB"},
                {"notification", "notification", "/api/alerts/**", "10s", "1MB"},
                {"recommendation", "recommendation", "/api/recommendations/**", "10s", "1MB"}};
        for (int i = 0; i < routes.length; i++) {
            String[] route = routes[i];
            String prefix = "stockflow.gateway.routes[" + i + "].";
            registry.add(prefix + "id", () -> route[0]);
            registry.add(prefix + "service", () -> route[1]);
            registry.add(prefix + "paths[0]", () -> route[2]);
            registry.add(prefix + "timeout", () -> route[3]);
            registry.add(prefix + "max-body-size", () -> route[4]);
        }
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SigningKeyRing signingKeys;
    @Autowired
    RouteLocator routes;
    @Autowired
    RequestMappingHandlerMapping handlerMapping;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        downstream.delay(Duration.ZERO);
    }

    // --- tokens ---------------------------------------------------------------------------------------------------

    @Test
    void tokensThatAreUnsignedForeignExpiredOrTamperedAreRefused() {
        String kid = signingKeys.currentKeyId();
        String unsigned = claims(kid, 600_000).compact();
        String foreign = claims(kid, 600_000)
                .signWith(Jwks.CRV.Ed25519.keyPair().build().getPrivate(), Jwts.SIG.EdDSA).compact();
        String expired = claims(kid, -120_000).signWith(signingKeys.current().privateKey())
                .compact();
        String viewer = gateway.tokenWithRoles("VIEWER");
        String[] parts = viewer.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"VIEWER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String token : List.of(unsigned, foreign, expired, tampered, "garbage")) {
            gateway.http().get().uri("/api/admin/users").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-token");
        }
        // the untampered token is fine where a VIEWER may go
        gateway.http().get().uri("/api/auth/me").header("Authorization", "Bearer " + viewer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("VIEWER");
    }

    private static io.jsonwebtoken.JwtBuilder claims(String kid, long expiresInMillis) {
        return Jwts.builder().header().keyId(kid).and().issuer("stockflow-gateway")
                .audience().add("stockflow").and().subject("admin").claim("roles", List.of("ADMIN"))
                .expiration(new Date(System.currentTimeMillis() + expiresInMillis));
    }

    @Test
    void aViewerCannotDoWhatAPlannerDoes() {
        String viewer = gateway.tokenWithRoles("VIEWER");
        String planner = gateway.tokenWithRoles("PLANNER");
        int before = downstream.requests().size();
        gateway.http().post().uri("/api/inventory/purchase-orders/42/approve")
                .header("Authorization", "Bearer " + viewer).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("PLANNER"));
        assertThat(downstream.requests()).hasSize(before); // refused at the door, never forwarded
        gateway.http().post().uri("/api/inventory/purchase-orders/42/approve")
                .header("Authorization", "Bearer " + planner).exchange().expectStatus().isOk();
        gateway.http().get().uri("/api/admin/users").header("Authorization", "Bearer " + planner).exchange()
                .expectStatus().isForbidden();
    }

    // --- routing --------------------------------------------------------------------------------------------------

    @Test
    void routedRequestsCarryTheRequestIdAndTheCallersToken() {
        String planner = gateway.tokenWithRoles("PLANNER");
        String requestId = "trace-" + UUID.randomUUID();
        gateway.http().get().uri("/api/ml/forecasts?sku=1").header("Authorization", "Bearer " + planner)
                .header("X-Request-Id", requestId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", requestId)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Cache-Control", "no-store");
        RecordingHttpServer.Recorded forwarded = lastRequestTo("/api/ml/forecasts");
        assertThat(forwarded.headers().get("X-Request-id")).containsExactly(requestId);
        assertThat(forwarded.headers().getFirst("Authorization")).isEqualTo("Bearer " + planner);

        // without an id of its own, the request gets one, the same downstream and in the answer
        String generated = gateway.http().get().uri("/api/ml/models").header("Authorization", "Bearer " + planner)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseHeaders()
                .getFirst("X-Request-Id");
        assertThat(generated).isNotBlank();
        assertThat(lastRequestTo("/api/ml/models").headers().getFirst("X-Request-Id")).isEqualTo(generated);
    }

    @Test
    void aSlowServiceGives504AndADownOneGives503() {
        String planner = gateway.tokenWithRoles("PLANNER");
        downstream.delay(Duration.ofSeconds(3));
        gateway.http().get().uri("/api/inventory/current").header("Authorization", "Bearer " + planner).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/upstream-timeout")
                .jsonPath("$.request_id").exists();
        gateway.http().get().uri("/api/recommendations/basket").header("Authorization", "Bearer " + planner)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("recommendation"));
    }

    /** The gateway adds no concurrency cap of its own: 60 slow requests at once all get through. */
    @Test
    void concurrentRequestsAreNotCappedByTheGateway() {
        String planner = gateway.tokenWithRoles("PLANNER");
        downstream.delay(Duration.ofMillis(300));
        List<Integer> statuses = Flux.range(0, 60)
                .flatMap(i -> org.springframework.web.reactive.function.client.WebClient.create(
                                "http://127.0.0.1:" + port).get().uri("/api/ml/forecasts?i=" + i)
                        .header("Authorization", "Bearer " + planner)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                        60)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(statuses).hasSize(60).containsOnly(200);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheServiceSeesThem() {
        String admin = gateway.adminToken();
        int before = downstream.requests().size();
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) 'x');
        gateway.http().post().uri("/api/data/pos/transaction").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(twoMegabytes).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");
        assertThat(downstream.requests()).hasSize(before);

        // a chunked body has no Content-Length: it is cut off once it streams past the limit (3 MB here)
        Flux<DataBuffer> chunks = Flux.range(0, 8)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(twoMegabytes.clone()));
        gateway.http().post().uri("/api/data/pos/batch").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(BodyInserters.fromDataBuffers(chunks)).exchange()
                .expectStatus().isEqualTo(413);
        // the same body under the limit passes
        gateway.http().post().uri("/api/data/pos/batch").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(twoMegabytes).exchange()
                .expectStatus().isOk();
        assertThat(lastRequestTo("/api/data/pos/batch").bodyBytes()).isEqualTo(twoMegabytes.length);
        // the gateway's own endpoints read small bodies only
        gateway.http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"" + "u".repeat(100_000) + "\", \"password\": \"p\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");
    }

    // --- API keys -------------------------------------------------------------------------------------------------

    @Test
    void apiKeysAreShownOnceScopedForwardedAsTokensAndRevocable() {
        String admin = gateway.adminToken();
        String created = gateway.http().post().uri("/api/admin/api-keys").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"store 7 tills\", \"roles\": [\"INGEST\"], \"valid_for_days\": 90}")
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String key = JsonPath.read(created, "$.key");
        String id = JsonPath.read(created, "$.api_key.id");
        assertThat(key).startsWith("sfk_" + id + "_");

        String listed = gateway.http().get().uri("/api/admin/api-keys").header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String secret = key.substring(("sfk_" + id + "_").length());
        assertThat(listed).contains(id).doesNotContain(secret);

        gateway.http().post().uri("/api/data/pos/transaction").header("X-Api-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        RecordingHttpServer.Recorded forwarded = lastRequestTo("/api/data/pos/transaction");
        assertThat(forwarded.headers().containsKey("X-api-key")).isFalse();
        String bearer = forwarded.headers().getFirst("Authorization").substring("Bearer ".length());
        AuthenticatedPrincipal asService = new AccessTokenVerifier(signingKeys::publicKey, Clock.systemUTC())
                .verify(bearer);
        assertThat(asService.subject()).isEqualTo("api-key:" + id);
        assertThat(asService.roles()).containsExactly(Role.INGEST);
        // the Prometheus-style header works too; the key's scope stops it elsewhere
        gateway.http().get().uri("/api/ml/forecasts").header("Authorization", "ApiKey " + key).exchange()
                .expectStatus().isForbidden();
        gateway.http().get().uri("/api/admin/api-keys").header("X-Api-Key", key).exchange()
                .expectStatus().isForbidden();

        gateway.http().get().uri("/api/admin/api-keys").header("Authorization", "Bearer " + admin).exchange()
                .expectBody().jsonPath("$[?(@.id == '" + id + "')].last_used_at").value(v ->
                        assertThat(v.toString()).doesNotContain("null"));
        gateway.http().delete().uri("/api/admin/api-keys/" + id).header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isNoContent();
        gateway.http().post().uri("/api/data/pos/transaction").header("X-Api-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-api-key");
        String wrongSecret = "sfk_" + id + "_" + "A".repeat(43);
        gateway.http().get().uri("/api/auth/me").header("X-Api-Key", wrongSecret).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void apiKeysCannotBeAdministrators() {
        gateway.http().post().uri("/api/admin/api-keys").header("Authorization", "Bearer " + gateway.adminToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"root\", \"roles\": [\"ADMIN\"]}")
                .exchange().expectStatus().isBadRequest();
    }

    // --- users ----------------------------------------------------------------------------------------------------

    @Test
    void rolesCannotBeMassAssignedThroughAUserUpdate() {
        String admin = gateway.adminToken();
        String username = "clerk-" + UUID.randomUUID();
        UUID id = gateway.createUser(username, "a long enough password", "VIEWER");
        gateway.http().patch().uri("/api/admin/users/" + id).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"enabled\": true, \"roles\": [\"ADMIN\"]}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("roles");
        gateway.http().get().uri("/api/admin/users/" + id).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles.length()").isEqualTo(1)
                .jsonPath("$.roles[0]").isEqualTo("VIEWER");
        // roles change only through their own endpoint, and the new roles apply from the next login
        gateway.http().put().uri("/api/admin/users/" + id + "/roles").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"roles\": [\"PLANNER\"]}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.updated_by").isEqualTo("admin");
        String token = gateway.login(username, "a long enough password");
        gateway.http().get().uri("/api/auth/me").header("Authorization", "Bearer " + token).exchange()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("PLANNER");
        // disabling locks the user out
        gateway.http().patch().uri("/api/admin/users/" + id).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"enabled\": false}").exchange()
                .expectStatus().isOk();
        gateway.http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"" + username + "\", \"password\": \"a long enough password\"}")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aNewPasswordDifferentRolesOrDisablingEndTheUsersLogins() {
        String admin = gateway.adminToken();
        String username = "leaver-" + UUID.randomUUID();
        UUID id = gateway.createUser(username, "a long enough password", "VIEWER");

        String beforePasswordChange = gateway.refreshToken(username, "a long enough password");
        change(admin, "/api/admin/users/" + id, "{\"password\": \"another long password\"}");
        refreshIsRevoked(beforePasswordChange);

        String beforeRolesChange = gateway.refreshToken(username, "another long password");
        changeRoles(admin, id, "PLANNER");
        refreshIsRevoked(beforeRolesChange);

        // a change that changes nothing ends nothing
        String beforeDisabling = gateway.refreshToken(username, "another long password");
        changeRoles(admin, id, "PLANNER");
        change(admin, "/api/admin/users/" + id, "{\"enabled\": true}");
        String rotated = JsonPath.read(gateway.refresh(beforeDisabling).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), "$.refresh_token");

        change(admin, "/api/admin/users/" + id, "{\"enabled\": false}");
        refreshIsRevoked(rotated);
        // enabling the user again does not bring the old login back; a new one works
        change(admin, "/api/admin/users/" + id, "{\"enabled\": true}");
        refreshIsRevoked(rotated);
        gateway.refresh(gateway.refreshToken(username, "another long password")).expectStatus().isOk();
    }

    private void change(String admin, String path, String body) {
        gateway.http().patch().uri(path).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
    }

    private void changeRoles(String admin, UUID id, String role) {
        gateway.http().put().uri("/api/admin/users/" + id + "/roles").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"roles\": [\"" + role + "\"]}").exchange()
                .expectStatus().isOk();
    }

    private void refreshIsRevoked(String refreshToken) {
        gateway.refresh(refreshToken).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/refresh-token-revoked");
    }

    @Test
    void theLastAdministratorCannotBeDemotedOrDisabled() {
        String admin = gateway.adminToken();
        List<String> adminIds = JsonPath.read(gateway.http().get().uri("/api/admin/users")
                .header("Authorization", "Bearer " + admin).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), "$[?(@.username == 'admin')].id");
        String adminId = adminIds.get(0);
        gateway.http().put().uri("/api/admin/users/" + adminId + "/roles").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"roles\": [\"VIEWER\"]}").exchange()
                .expectStatus().isEqualTo(409);
        gateway.http().patch().uri("/api/admin/users/" + adminId).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"enabled\": false}").exchange()
                .expectStatus().isEqualTo(409);
    }

    // --- the whole surface ----------------------------------------------------------------------------------------

    /**
     * Every route of the gateway — its own endpoints and every proxied path — refuses an anonymous caller, except
     * the few the access policy opens: login, refresh, public keys, health and API documentation.
     */
    @Test
    void nothingIsReachableWithoutAuthenticationExceptTheOpenDoors() {
        List<String[]> surface = new ArrayList<>();
        handlerMapping.getHandlerMethods().keySet().forEach(info -> addAll(surface, info));
        for (Route route : routes.getRoutes().collectList().block()) {
            String path = route.getPredicate().toString().replaceAll("(?s).*Paths: \\[([^,\\]]+).*", "$1");
            assertThat(path).startsWith("/");
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
                surface.add(new String[]{method.name(), path});
            }
        }
        assertThat(surface).hasSizeGreaterThan(20);
        List<String> open = new ArrayList<>();
        for (String[] entry : surface) {
            String path = entry[1].replace("/**", "/anything").replaceAll("\\{[^}]+}", "x");
            int status = gateway.http().method(HttpMethod.valueOf(entry[0])).uri(path)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectBody().returnResult().getStatus().value();
            if (status != 401) {
                open.add(entry[0] + " " + path + " -> " + status);
            }
        }
        Predicate<String> expectedOpen = line -> line.startsWith("POST /api/auth/login ")
                || line.startsWith("POST /api/auth/refresh ") || line.startsWith("GET /.well-known/jwks.json ")
                || line.contains(" /v3/api-docs") || line.contains(" /swagger-ui") || line.contains("/webjars/");
        assertThat(open).allMatch(expectedOpen, "only the open doors answer anonymous callers");
        assertThat(open).anyMatch(line -> line.startsWith("POST /api/auth/login "));
        assertThat(AccessPolicy.stockflow().requirementFor(HttpMethod.GET, "/actuator/health/readiness"))
                .isInstanceOf(AccessPolicy.Public.class);
    }

    private static void addAll(List<String[]> surface, RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (var pattern : info.getPatternsCondition().getPatterns()) {
            if (methods.isEmpty()) {
                surface.add(new String[]{"GET", pattern.getPatternString()});
                surface.add(new String[]{"POST", pattern.getPatternString()});
            }
            methods.forEach(m -> surface.add(new String[]{m.name(), pattern.getPatternString()}));
        }
    }

    @Test
    void theApiDocumentationOfEveryServiceIsAggregatedAtTheGateway() {
        gateway.http().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/auth/login']").exists()
                .jsonPath("$.paths['/api/admin/api-keys']").exists()
                .jsonPath("$.servers[0].url").isEqualTo("/")
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        gateway.http().get().uri("/v3/api-docs/services/ingestion").exchange().expectStatus().isOk();
        assertThat(lastRequestTo("/v3/api-docs").method()).isEqualTo("GET");
        gateway.http().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        gateway.http().get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void corsAnswersOnlyTheConfiguredDashboards() {
        gateway.http().options().uri("/api/ml/forecast").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").exchange().expectStatus().isForbidden();
    }

    private static RecordingHttpServer.Recorded lastRequestTo(String path) {
        List<RecordingHttpServer.Recorded> matching = downstream.requests().stream()
                .filter(r -> r.path().equals(path)).toList();
        assertThat(matching).as("requests forwarded to " + path).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
