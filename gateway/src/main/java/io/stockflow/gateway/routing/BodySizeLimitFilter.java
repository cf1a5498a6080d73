package io.stockflow.gateway.routing;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over the route's limit with 413: at once when Content-Length says so, and for a
 * chunked body as soon as the bytes streamed past the limit (before the excess reaches the service).
 */
@Component
class BodySizeLimitFilter implements GlobalFilter, Ordered {

    static final String MAX_BODY_BYTES = "max-body-bytes";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object configured = route == null ? null : route.getMetadata().get(MAX_BODY_BYTES);
        if (!(configured instanceof Number number)) {
            return chain.filter(exchange);
        }
        long limit = number.longValue();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(tooLarge(limit));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().<DataBuffer>handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                }).doOnDiscard(DataBuffer.class, DataBufferUtils::release); // buffers dropped after the cut
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static ApiProblemException tooLarge(long limit) {
        return Problems.exception(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "the request body exceeds this endpoint's limit of " + limit + " bytes");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // before the circuit breaker and the proxying
    }
}
