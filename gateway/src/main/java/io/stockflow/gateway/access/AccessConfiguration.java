package io.stockflow.gateway.access;

import io.stockflow.common.security.AccessPolicy;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.gateway.apikey.ApiKeyService;
import io.stockflow.gateway.token.AccessTokenIssuer;
import io.stockflow.gateway.token.SigningKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Clock;
import java.util.List;

/** Wires the door: policy, token and API-key checks, per-caller rate limits. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    /** {@code stockflow.gateway.rate-limits.*}: sustained requests per second and burst, per user and per API key. */
    @ConfigurationProperties("stockflow.gateway.rate-limits")
    record RateLimitProperties(RateLimits.Limit users, RateLimits.Limit apiKeys) {
    }

    @Bean
    RateLimits rateLimits(ReactiveStringRedisTemplate redis,
                          @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
                          ConfigurationService configurationService, RateLimitProperties properties) {
        // The script as a fixed string: the bean re-reads its file's timestamp from the jar on every call.
        RedisScript<List<Long>> fixedScript = RedisScript.of(script.getScriptAsString(), script.getResultType());
        RedisRateLimiter limiter = new RedisRateLimiter(redis, fixedScript, configurationService);
        limiter.setIncludeHeaders(false);
        return new RateLimits(limiter, properties.users(), properties.apiKeys());
    }

    @Bean
    GatewayAccessFilter gatewayAccessFilter(AccessTokenVerifier verifier, SigningKeys signingKeys,
                                            ApiKeyService apiKeys, AccessTokenIssuer issuer, RateLimits rateLimits,
                                            Clock clock) {
        return new GatewayAccessFilter(AccessPolicy.stockflow(), verifier, signingKeys, apiKeys, issuer, rateLimits,
                clock);
    }
}
