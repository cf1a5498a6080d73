package io.stockflow.gateway.access;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.web.Problems;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Per-caller request rate limits, shared by every replica through Redis (Spring Cloud Gateway's token-bucket
 * script): one bucket per user and one per API key, with their own rates, since a POS fleet behind one key posts
 * far more often than a person clicks.
 */
public final class RateLimits {

    static final String USERS = "users";
    static final String API_KEYS = "api-keys";

    /** @param replenishRate requests per second, sustained; @param burstCapacity requests allowed at once */
    public record Limit(int replenishRate, int burstCapacity) {
    }

    private final RedisRateLimiter limiter;
    private final Limit users;
    private final Limit apiKeys;

    public RateLimits(RedisRateLimiter limiter, Limit users, Limit apiKeys) {
        this.limiter = limiter;
        this.users = users;
        this.apiKeys = apiKeys;
        limiter.getConfig().put(USERS, config(users));
        limiter.getConfig().put(API_KEYS, config(apiKeys));
    }

    private static RedisRateLimiter.Config config(Limit limit) {
        return new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate())
                .setBurstCapacity(limit.burstCapacity()).setRequestedTokens(1);
    }

    /** Completes when the caller may proceed; fails with a 429 problem carrying Retry-After otherwise. */
    Mono<Void> admit(AuthenticatedPrincipal caller, boolean apiKey) {
        String bucket = apiKey ? API_KEYS : USERS;
        Limit limit = apiKey ? apiKeys : users;
        return limiter.isAllowed(bucket, caller.subject()).flatMap(response -> {
            if (response.isAllowed()) {
                return Mono.empty();
            }
            // One token comes back every 1/rate seconds.
            long retryAfter = Math.max(1, (long) Math.ceil(1.0 / limit.replenishRate()));
            return Mono.error(Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests", "this " + (apiKey ? "API key" : "user") + " may make "
                            + limit.replenishRate() + " requests per second (bursts of " + limit.burstCapacity()
                            + "); retry after " + retryAfter + " s", retryAfter, null));
        });
    }
}
