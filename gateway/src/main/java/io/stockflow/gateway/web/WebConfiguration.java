package io.stockflow.gateway.web;

import io.stockflow.common.web.IdempotencyKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/** CORS for the separately hosted dashboards, security headers, and who the client is behind proxies. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** {@code stockflow.gateway.cors.allowed-origins}: the dashboards' origins; none means no cross-origin use. */
    @ConfigurationProperties("stockflow.gateway.cors")
    record CorsProperties(List<String> allowedOrigins) {
        CorsProperties {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
        }
    }

    /**
     * {@code stockflow.gateway.client-address.*}: the proxies in front of the gateway (CIDRs; none means the TCP peer
     * is the client) and the forwarding header they write.
     */
    @ConfigurationProperties("stockflow.gateway.client-address")
    record ClientAddressProperties(List<String> trustedProxies, TrustedProxies.Header header) {
        ClientAddressProperties {
            trustedProxies = trustedProxies == null ? List.of() : trustedProxies;
            header = header == null ? TrustedProxies.Header.X_FORWARDED_FOR : header;
        }
    }

    @Bean
    TrustedProxies trustedProxies(ClientAddressProperties properties) {
        return new TrustedProxies(properties.trustedProxies(), properties.header());
    }

    /** Ordered before the access filter, so that a browser's preflight is answered without credentials. */
    static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {
        OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
            super(source);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 2;
        }
    }

    @Bean
    OrderedCorsWebFilter corsWebFilter(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Request-Id",
                IdempotencyKey.HEADER, "X-Api-Key"));
        cors.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
        cors.setAllowCredentials(false); // tokens travel in the Authorization header, never in cookies
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new OrderedCorsWebFilter(source);
    }

    @Bean
    SecurityHeadersFilter securityHeadersFilter() {
        return new SecurityHeadersFilter();
    }
}
