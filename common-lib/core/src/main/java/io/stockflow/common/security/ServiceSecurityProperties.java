package io.stockflow.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * {@code stockflow.security.*}: how a service checks tokens itself.
 *
 * @param verifyTokens   false only at the gateway, which checks tokens and API keys with its own filter
 * @param jwksUri        the gateway's JWK Set
 * @param jwksRefresh    a key set this old is fetched again, so withdrawn keys disappear
 * @param jwksMinGap     at most one fetch per this interval, however many unknown key ids arrive
 * @param jwksMaxAge     when the gateway does not answer, the last key set serves until this old; then 503
 * @param jwksTimeout    one fetch's time limit
 */
@ConfigurationProperties("stockflow.security")
public record ServiceSecurityProperties(
        @DefaultValue("true") boolean verifyTokens,
        @DefaultValue("http://127.0.0.1:8080/.well-known/jwks.json") URI jwksUri,
        @DefaultValue("5m") Duration jwksRefresh,
        @DefaultValue("10s") Duration jwksMinGap,
        @DefaultValue("30m") Duration jwksMaxAge,
        @DefaultValue("3s") Duration jwksTimeout) {

    public RemoteJwks.Timing timing() {
        return new RemoteJwks.Timing(jwksRefresh, jwksMinGap, jwksMaxAge, jwksTimeout);
    }
}
