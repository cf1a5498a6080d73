package io.stockflow.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import io.netty.channel.ChannelOption;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The routes to the services, from {@link RoutingProperties}. Each route has a circuit breaker whose time
 * limiter is the route's timeout; a service that is down, failing or too slow is answered by
 * {@link FallbackController} as problem+json 503 or 504. Each service's OpenAPI document is also reachable at
 * {@code /v3/api-docs/services/<service>} for the aggregated Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    static final String DOCS_PREFIX = "/v3/api-docs/services/";
    private static final Duration DOCS_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    RouteLocator stockflowRoutes(RouteLocatorBuilder builder, RoutingProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (RoutingProperties.RouteSpec spec : properties.routes()) {
            routes.route(spec.id(), r -> r.path(spec.paths().toArray(String[]::new))
                    .filters(f -> f.circuitBreaker(cb -> cb.setName(spec.id())
                            .setFallbackUri("forward:" + FallbackController.PATH + spec.service())))
                    .metadata(BodySizeLimitFilter.MAX_BODY_BYTES, spec.maxBodySize().toBytes())
                    .uri(properties.uriOf(spec.service())));
        }
        properties.services().forEach((service, uri) -> routes.route(docsRoute(service),
                r -> r.path(DOCS_PREFIX + service)
                        .filters(f -> f.setPath("/v3/api-docs").circuitBreaker(cb -> cb.setName(docsRoute(service))
                                .setFallbackUri("forward:" + FallbackController.PATH + service)))
                        .metadata(BodySizeLimitFilter.MAX_BODY_BYTES, 0L)
                        .uri(uri)));
        return routes.build();
    }

    /**
     * Requests to the services go out without Nagle's delay: a request's headers and body leave as separate
     * writes, and waiting for the first one's (delayed) acknowledgement cost about 40 ms per call.
     */
    @Bean
    HttpClientCustomizer noDelayToServices() {
        return httpClient -> httpClient.option(ChannelOption.TCP_NODELAY, true);
    }

    /** Per route: the time limit, and a breaker that opens after half of the last 20 calls failed. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeBreakers(RoutingProperties properties) {
        return factory -> {
            for (RoutingProperties.RouteSpec spec : properties.routes()) {
                factory.configure(b -> b.timeLimiterConfig(timeLimit(spec.timeout()))
                        .circuitBreakerConfig(breaker()), spec.id());
            }
            properties.services().keySet().forEach(service -> factory.configure(
                    b -> b.timeLimiterConfig(timeLimit(DOCS_TIMEOUT)).circuitBreakerConfig(breaker()),
                    docsRoute(service)));
        };
    }

    private static TimeLimiterConfig timeLimit(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
    }

    private static CircuitBreakerConfig breaker() {
        return CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3).build();
    }

    private static String docsRoute(String service) {
        return "docs-" + service;
    }
}
