package io.stockflow.ingestion.intake.web;

import io.stockflow.common.web.IdempotencyKey;
import io.stockflow.common.web.Problems;
import io.stockflow.common.web.RequestIdWebFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** POS intake over HTTP: one transaction, or a streamed batch (JSON array or CSV). */
@RestController
@RequestMapping("/api/data/pos")
class PosIntakeController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final IntakeRequests requests;

    PosIntakeController(IntakeRequests requests) {
        this.requests = requests;
    }

    @PostMapping(path = "/transaction", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> transaction(
            ServerWebExchange exchange, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key) {
        requireUtf8(exchange);
        return requests.transaction(exchange.getRequest().getBody(), key, request(exchange))
                .map(HttpAnswer::toResponse);
    }

    @PostMapping(path = "/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Mono<ResponseEntity<String>> batch(ServerWebExchange exchange,
                                       @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key) {
        requireUtf8(exchange);
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        boolean csv = type != null && CSV.isCompatibleWith(type);
        return requests.batch(exchange.getRequest().getBody(), exchange.getRequest().getHeaders().getContentLength(),
                        csv, key, request(exchange))
                .map(HttpAnswer::toResponse);
    }

    private static void requireUtf8(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        Charset charset = type == null ? null : type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            throw Problems.exception(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-charset",
                    "Unsupported charset", "bodies must be UTF-8; got charset=" + charset.name());
        }
    }

    private static RequestInfo request(ServerWebExchange exchange) {
        return new RequestInfo(exchange.getRequest().getPath().value(),
                exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE));
    }
}
