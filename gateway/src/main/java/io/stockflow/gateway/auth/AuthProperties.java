package io.stockflow.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockflow.auth.*}.
 *
 * @param resetAdminPassword set {@code admin}'s password to {@code initialAdminPassword} at start even when users
 *                           exist (recovery, and local runs that print a fresh password); also forgets the failed
 *                           logins counted against {@code admin}
 * @param loginThrottling    how failed logins are slowed down (see {@link LoginThrottle})
 * @param signingKeys        storage and rotation of the access-token signing keys
 */
@ConfigurationProperties("stockflow.auth")
public record AuthProperties(Duration accessTokenLifetime, Duration refreshTokenLifetime,
                             String initialAdminPassword, boolean resetAdminPassword,
                             LoginThrottlingProperties loginThrottling, SigningKeyProperties signingKeys) {

    /**
     * @param perUserAndAddress the tight limit, per username and client address
     * @param perUser           the loose one, per username over all addresses: many more free attempts and a short
     *                          longest delay, so that it only slows
     */
    public record LoginThrottlingProperties(LoginThrottle.Limit perUserAndAddress, LoginThrottle.Limit perUser) {
    }

    /**
     * @param keyEncryptionKey base64 of 32 bytes sealing the private keys in the database (a Kubernetes secret);
     *                         empty stores them unsealed, which the gateway warns about
     * @param maxAge           a key older than this is rotated automatically
     * @param reloadPeriod     how often each replica reloads the shared keys
     * @param activationDelay  how long a new key is published before it signs: at least {@code reloadPeriod} (every
     *                         replica's JWK Set lists it) plus the services' {@code stockflow.security.jwks-refresh}
     *                         (every service's cache holds it); the gateway refuses to start with less
     */
    public record SigningKeyProperties(String keyEncryptionKey, Duration maxAge, Duration reloadPeriod,
                                       Duration activationDelay) {
    }
}
