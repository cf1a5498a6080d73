package io.stockflow.gateway.access;

import io.stockflow.common.security.AccessPolicy;
import io.stockflow.common.security.AccessProblems;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.InvalidTokenException;
import io.stockflow.common.security.ServiceAccessFilter;
import io.stockflow.gateway.apikey.ApiKeyService;
import io.stockflow.gateway.token.AccessTokenIssuer;
import io.stockflow.gateway.token.SigningKeys;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's door: every request, to a routed service or to the gateway itself, is checked against the access
 * policy. A caller presents an access token ({@code Authorization: Bearer}) or an API key ({@code X-Api-Key}, or
 * {@code Authorization: ApiKey <key>}); the roles it carries must be admitted, and its rate limit not exceeded. A
 * routed request reaches the service with a gateway-signed access token either way, which the service verifies
 * again: for an API key, a short-lived token naming the key is minted here and reused while it is fresh.
 */
public final class GatewayAccessFilter implements WebFilter, Ordered {

    public static final String API_KEY_HEADER = "X-Api-Key";
    /** Runs after the request id, CORS and security headers are in place. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private record MintedToken(String bearer, Instant renewAfter) {
    }

    private final AccessPolicy policy;
    private final AccessTokenVerifier verifier;
    private final SigningKeys signingKeys;
    private final ApiKeyService apiKeys;
    private final AccessTokenIssuer issuer;
    private final RateLimits rateLimits;
    private final Clock clock;
    private final Map<String, MintedToken> apiKeyTokens = new ConcurrentHashMap<>();
    private static final String MANAGEMENT_NAMESPACE = "management";
    private volatile int managementPort = -1;

    public GatewayAccessFilter(AccessPolicy policy, AccessTokenVerifier verifier, SigningKeys signingKeys,
                               ApiKeyService apiKeys, AccessTokenIssuer issuer, RateLimits rateLimits, Clock clock) {
        this.policy = policy;
        this.verifier = verifier;
        this.signingKeys = signingKeys;
        this.apiKeys = apiKeys;
        this.issuer = issuer;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    /** Records the management port, whose probes and metrics are for the cluster, not for callers of the API. */
    @EventListener
    public void onServerStarted(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        if (local != null && local.getPort() == managementPort) {
            return chain.filter(exchange);
        }
        AccessPolicy.Requirement requirement = policy.requirementFor(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (requirement instanceof AccessPolicy.Public) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        String apiKey = headers.getFirst(API_KEY_HEADER);
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            apiKey = authorization.substring(7).trim();
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return verifyToken(token)
                    .flatMap(caller -> admit(exchange, chain, requirement, caller, false));
        }
        if (apiKey == null) {
            return Mono.error(AccessProblems.authenticationRequired());
        }
        return apiKeys.authenticate(apiKey)
                .switchIfEmpty(Mono.error(AccessProblems::invalidApiKey))
                .flatMap(caller -> admit(exchange, chain, requirement, caller, true));
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, AccessPolicy.Requirement requirement,
                             AuthenticatedPrincipal caller, boolean apiKey) {
        if (!requirement.admits(caller.roles())) {
            return Mono.error(AccessProblems.forbidden(requirement));
        }
        exchange.getAttributes().put(ServiceAccessFilter.PRINCIPAL_ATTRIBUTE, caller); // read with CurrentCaller
        ServerWebExchange forwarded = apiKey ? exchange.mutate().request(r -> r.headers(h -> {
            h.remove(API_KEY_HEADER);
            h.set(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(caller));
        })).build() : exchange;
        return rateLimits.admit(caller, apiKey).then(Mono.defer(() -> chain.filter(forwarded)))
                .contextWrite(ctx -> ctx.put(ServiceAccessFilter.CONTEXT_KEY, caller));
    }

    /** Verifies a token; one that names a key this replica has not loaded yet triggers a reload first. */
    private Mono<AuthenticatedPrincipal> verifyToken(String token) {
        return Mono.fromCallable(() -> verifier.verify(token))
                .onErrorResume(InvalidTokenException.class, e -> signingKeys.reloadForUnknownKey()
                        .then(Mono.fromCallable(() -> verifier.verify(token))))
                .onErrorMap(InvalidTokenException.class, e -> AccessProblems.invalidToken());
    }

    private String tokenFor(AuthenticatedPrincipal apiKeyCaller) {
        Instant now = clock.instant();
        MintedToken minted = apiKeyTokens.get(apiKeyCaller.subject());
        if (minted == null || !minted.renewAfter().isAfter(now)) {
            AccessTokenIssuer.IssuedToken issued = issuer.issue(apiKeyCaller.subject(), apiKeyCaller.roles());
            // Renewed well before expiry, so a token never expires on its way to the service.
            Instant renewAfter = issued.expiresAt().minus(Duration.between(now, issued.expiresAt()).dividedBy(2));
            minted = new MintedToken(issued.token(), renewAfter);
            apiKeyTokens.put(apiKeyCaller.subject(), minted);
        }
        return minted.bearer();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
