package io.stockflow.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockflow.auth.*}.
 *
 * @param resetAdminPassword       set {@code admin}'s password to {@code initialAdminPassword} at start even when
 *                                 users exist (recovery, and local runs that print a fresh password)
 * @param maxFailedLoginsPerUser   failed logins for one username within {@code failedLoginWindow} before it is
 *                                 locked for the rest of the window
 * @param maxFailedLoginsPerClient the same, per client address
 * @param signingKeys              storage and rotation of the access-token signing keys
 */
@ConfigurationProperties("stockflow.auth")
public record AuthProperties(Duration accessTokenLifetime, Duration refreshTokenLifetime,
                             String initialAdminPassword, boolean resetAdminPassword, int maxFailedLoginsPerUser, int maxFailedLoginsPerClient,
                             Duration failedLoginWindow, SigningKeyProperties signingKeys) {

    /**
     * @param keyEncryptionKey base64 of 32 bytes sealing the private keys in the database (a Kubernetes secret);
     *                         empty stores them unsealed, which the gateway warns about
     * @param maxAge           a key older than this is rotated automatically
     * @param reloadPeriod     how often each replica reloads the shared keys
     */
    public record SigningKeyProperties(String keyEncryptionKey, Duration maxAge, Duration reloadPeriod) {
    }
}
