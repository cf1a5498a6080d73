package io.stockflow.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;

/**
 * Where a route's circuit breaker sends a request the service could not answer: 504 when it was too slow, 503 when
 * it is down or its breaker is open. Never a hang, never a bare 500.
 */
@RestController
class FallbackController {

    static final String PATH = "/fallback/";
    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    @RequestMapping(PATH + "{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure instanceof ApiProblemException problem) {
            return Mono.error(problem); // refused by the gateway itself, e.g. a body over the route's limit
        }
        if (failure instanceof TimeoutException) {
            log.warn("{} did not answer {} in time", service, exchange.getRequest().getPath());
            return Mono.error(Problems.exception(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Service too slow",
                    "the " + service + " service did not answer in time; the request may or may not have taken "
                            + "effect, so retry only if it is idempotent (e.g. with an Idempotency-Key)"));
        }
        if (failure instanceof CallNotPermittedException) {
            return Mono.error(Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Service unavailable", "the " + service + " service is failing; requests are paused for a few "
                            + "seconds, retry later"));
        }
        log.warn("{} could not be reached for {}: {}", service, exchange.getRequest().getPath(),
                failure == null ? "unknown" : failure.toString());
        return Mono.error(Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable", "the " + service + " service cannot be reached; retry later"));
    }
}
