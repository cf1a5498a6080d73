package io.stockflow.common.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The last line of error handling: what escapes the controllers' {@link ProblemHandler} — errors raised by web
 * filters (authentication, rate limits, size limits) and by the gateway's proxying (a service down or too slow) —
 * still leaves as application/problem+json naming the request, never as Boot's default error page or a stack trace.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final ServerCodecConfigurer codecs;

    public ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = problemFor(ex, exchange);
        Problems.stamp(problem, exchange.getRequest().getPath().value(),
                exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE));
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        if (ex instanceof ErrorResponse errorResponse) {
            errorResponse.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        @SuppressWarnings("unchecked")
        HttpMessageWriter<ProblemDetail> writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON)).findFirst().orElseThrow();
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }

    private static ProblemDetail problemFor(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ApiProblemException api) {
            return api.getBody();
        }
        if (ProblemHandler.causeOf(ex, DataBufferLimitException.class) != null) {
            return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "the request body exceeds this endpoint's limit");
        }
        if (ex instanceof ResponseStatusException status && status.getStatusCode().value() < 500) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            return Problems.of(code, slug(code), code.getReasonPhrase(),
                    status.getReason() == null ? code.getReasonPhrase() : status.getReason());
        }
        if (ex instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Service too slow",
                    "the service did not answer in time; the request may or may not have taken effect");
        }
        if (ex instanceof ResponseStatusException status && status.getStatusCode().value() == 503) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    "the service is unavailable; retry later");
        }
        log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "an unexpected error occurred; quote the request id when reporting it");
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    @Override
    public int getOrder() {
        return -2; // ahead of Boot's error handler (-1)
    }
}
