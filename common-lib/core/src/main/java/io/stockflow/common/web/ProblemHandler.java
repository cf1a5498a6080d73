package io.stockflow.common.web;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.util.List;

/**
 * Every error of every Stockflow service leaves as application/problem+json: input errors with field-level detail,
 * oversized bodies as 413, and anything unexpected as a 500 that names the request id (never a stack trace).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Boot's generic ProblemDetailsExceptionHandler
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (causeOf(ex, DataBufferLimitException.class) != null) {
            return respond(ex, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "the request body exceeds this endpoint's limit"), exchange);
        }
        JacksonException json = causeOf(ex, JacksonException.class);
        if (json != null) {
            FieldViolation violation = JsonErrors.describe(json);
            return respond(ex, Problems.invalidInput(violation.message(), List.of(violation)), exchange);
        }
        String detail = ex.getReason() == null ? "the request could not be read" : ex.getReason();
        List<FieldViolation> errors = ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null
                ? List.of(FieldViolation.of(ex.getMethodParameter().getParameterName(), "invalid_value", detail))
                : List.of();
        return respond(ex, Problems.invalidInput(detail, errors), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldViolation> errors = ex.getFieldErrors().stream()
                .map(fe -> FieldViolation.of(snakeCase(fe.getField()), "invalid_value", fe.getDefaultMessage()))
                .toList();
        return respond(ex, Problems.invalidInput(errors.size() + " invalid field(s)", errors), exchange);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    Mono<ResponseEntity<Object>> handleConstraintViolation(ConstraintViolationException ex, ServerWebExchange exchange) {
        List<FieldViolation> errors = ex.getConstraintViolations().stream()
                .map(v -> FieldViolation.of(snakeCase(leaf(v.getPropertyPath().toString())), "invalid_value",
                        v.getMessage()))
                .toList();
        return respond(ex, Problems.invalidInput(errors.size() + " invalid field(s)", errors), exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return respond(ex, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "an unexpected error occurred; quote the request id when reporting it"), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getStatus() == HttpStatus.CONTENT_TOO_LARGE.value()
                    && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
                // Spring's own 413 (a body over the codec limit) in our words, like every other 413
                problem.setType(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "", "").getType());
                problem.setTitle("Payload too large");
                problem.setDetail("the request body exceeds this endpoint's limit");
            }
            Problems.stamp(problem, exchange.getRequest().getPath().value(),
                    exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private Mono<ResponseEntity<Object>> respond(Exception ex, ProblemDetail problem, ServerWebExchange exchange) {
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                exchange);
    }

    static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
