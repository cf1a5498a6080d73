package io.stockflow.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockflow.auth.*}.
 *
 * @param maxFailedLoginsPerUser   failed logins for one username within {@code failedLoginWindow} before it is
 *                                 locked for the rest of the window
 * @param maxFailedLoginsPerClient the same, per client address
 */
@ConfigurationProperties("stockflow.auth")
public record AuthProperties(Duration accessTokenLifetime, Duration refreshTokenLifetime,
                             String initialAdminPassword, int maxFailedLoginsPerUser, int maxFailedLoginsPerClient,
                             Duration failedLoginWindow) {
}
