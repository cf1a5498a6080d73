package io.stockflow.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Browser-facing hardening on every answer of the gateway, errors included: no MIME sniffing, no framing, no
 * referrer, HTTPS only, nothing loaded from elsewhere (Swagger UI excepted, which needs its own scripts and styles),
 * and no caching of API answers that may carry tokens or business data.
 */
public final class SecurityHeadersFilter implements WebFilter, Ordered {

    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    private static final String DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' "
            + "'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("Content-Security-Policy", path.startsWith("/swagger-ui") || path.startsWith("/webjars/")
                ? DOCS_CSP : API_CSP);
        if (path.startsWith("/api/")) {
            exchange.getResponse().beforeCommit(() -> {
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id, so every answer carries them
    }
}
