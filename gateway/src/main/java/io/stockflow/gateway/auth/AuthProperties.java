package io.stockflow.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code stockflow.auth.*}. */
@ConfigurationProperties("stockflow.auth")
public record AuthProperties(Duration accessTokenLifetime, Duration refreshTokenLifetime,
                             String initialAdminPassword) {
}
