package io.stockflow.common.security;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * A service's own check of who calls: every request is held against {@link AccessPolicy} (the same matrix the
 * gateway enforces), so a request that reaches a service around the gateway gets no further than it would through
 * it. Public routes pass; any other needs {@code Authorization: Bearer <token>} signed by the gateway (401 when
 * missing or not trusted, 403 when its roles are not admitted, 503 when the gateway's keys cannot be had).
 * The verified caller is left in {@link #PRINCIPAL_ATTRIBUTE} and in the Reactor context; read it with
 * {@link CurrentCaller}.
 *
 * <p>{@code /actuator/**} is not checked here: probes and metrics are scraped inside the cluster, on the
 * service's own port, by kubelets and Prometheus that carry no token. The gateway does not route to it, and the
 * policy's own rules for it apply at the gateway.
 */
public class ServiceAccessFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the verified {@link AuthenticatedPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = ServiceAccessFilter.class.getName() + ".principal";
    /** Reactor context key holding the verified {@link AuthenticatedPrincipal}. */
    public static final String CONTEXT_KEY = "stockflow.principal";
    /** Right after {@code RequestIdWebFilter}, so refusals carry the request id, before anything else runs. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final Logger log = LoggerFactory.getLogger(ServiceAccessFilter.class);
    private static final PathPattern OPERATIONAL = new PathPatternParser().parse("/actuator/**");
    private static final String BEARER = "Bearer ";

    private final AccessPolicy policy;
    private final TokenAuthenticator authenticator;

    public ServiceAccessFilter(AccessPolicy policy, TokenAuthenticator authenticator) {
        this.policy = policy;
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        if (OPERATIONAL.matches(path)) {
            return chain.filter(exchange);
        }
        AccessPolicy.Requirement requirement = policy.requirementFor(request.getMethod(), path.value());
        if (requirement instanceof AccessPolicy.Public) {
            return chain.filter(exchange);
        }
        String token = bearerToken(request.getHeaders());
        if (token == null) {
            return Mono.error(AccessProblems.authenticationRequired());
        }
        return authenticator.authenticate(token)
                .onErrorMap(InvalidTokenException.class, e -> {
                    log.debug("refused a token on {} {}: {}", request.getMethod(), path.value(), e.getMessage());
                    return AccessProblems.invalidToken();
                })
                .onErrorMap(SigningKeysUnavailableException.class, ServiceAccessFilter::keysUnavailable)
                .flatMap(principal -> {
                    if (!requirement.admits(principal.roles())) {
                        return Mono.error(AccessProblems.forbidden(requirement));
                    }
                    exchange.getAttributes().put(PRINCIPAL_ATTRIBUTE, principal);
                    return chain.filter(exchange).contextWrite(ctx -> ctx.put(CONTEXT_KEY, principal));
                });
    }

    private static String bearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static ApiProblemException keysUnavailable(Throwable cause) {
        log.warn("cannot check tokens: {}", cause.getMessage());
        return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "keys-unavailable",
                "Cannot check the access token", "the gateway's signing keys cannot be had right now; retry later",
                10, cause);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
