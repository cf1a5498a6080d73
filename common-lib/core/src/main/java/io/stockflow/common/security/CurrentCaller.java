package io.stockflow.common.security;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Who called, as {@link ServiceAccessFilter} verified it; empty on public and operational routes. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** From the Reactor context, for code that has no exchange at hand (services, repositories). */
    public static Mono<AuthenticatedPrincipal> get() {
        return Mono.deferContextual(ctx -> Mono.justOrEmpty(ctx.<AuthenticatedPrincipal>getOrEmpty(
                ServiceAccessFilter.CONTEXT_KEY)));
    }

    /** From the exchange, for handlers of paths the access policy does not leave public. */
    public static AuthenticatedPrincipal required(ServerWebExchange exchange) {
        return of(exchange).orElseThrow(() -> new IllegalStateException("no authenticated caller on "
                + exchange.getRequest().getPath()));
    }

    /** From the exchange, for handlers. */
    public static Optional<AuthenticatedPrincipal> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ServiceAccessFilter.PRINCIPAL_ATTRIBUTE));
    }
}
