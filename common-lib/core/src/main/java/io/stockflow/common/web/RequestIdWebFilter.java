package io.stockflow.common.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, else a new UUID. The id is echoed
 * in the response and set on the request (so that the gateway forwards it downstream), kept as an exchange attribute and written into the Reactor context, from where context
 * propagation copies it into the logging MDC as {@code request_id} for every log line of the request.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";
    /** Key in the Reactor context and in the logging MDC. */
    public static final String CONTEXT_KEY = "request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        // The request carries the id it is known by, so that a proxy (the gateway) passes it downstream.
        ServerWebExchange identified = requestId.equals(offered) ? exchange
                : exchange.mutate().request(r -> r.headers(h -> h.set(HEADER, requestId))).build();
        return chain.filter(identified).contextWrite(ctx -> ctx.put(CONTEXT_KEY, requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
