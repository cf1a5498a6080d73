package io.stockflow.gateway.auth;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Brute-force protection for logins, shared by all gateway replicas through Redis: after {@code maxPerUser}
 * failed logins for one username, or {@code maxPerClient} from one client address, within the window, further
 * attempts are refused without checking the password until the window has passed.
 */
public final class LoginThrottle {

    private static final String USER = "sf:gw:login-failures:user:";
    private static final String CLIENT = "sf:gw:login-failures:client:";

    private final ReactiveStringRedisTemplate redis;
    private final int maxPerUser;
    private final int maxPerClient;
    private final Duration window;

    public LoginThrottle(ReactiveStringRedisTemplate redis, int maxPerUser, int maxPerClient, Duration window) {
        this.redis = redis;
        this.maxPerUser = maxPerUser;
        this.maxPerClient = maxPerClient;
        this.window = window;
    }

    /** @return how long the caller must wait, or {@link Duration#ZERO} when it may try */
    public Mono<Duration> waitBeforeAttempt(String username, String client) {
        return Mono.zip(blockedFor(USER + username, maxPerUser), blockedFor(CLIENT + client, maxPerClient),
                (user, address) -> user.compareTo(address) >= 0 ? user : address);
    }

    public Mono<Void> failed(String username, String client) {
        return Mono.when(count(USER + username), count(CLIENT + client));
    }

    public Mono<Void> succeeded(String username) {
        return redis.delete(USER + username).then();
    }

    private Mono<Duration> blockedFor(String key, int max) {
        return redis.opsForValue().get(key).map(Integer::parseInt).defaultIfEmpty(0)
                .flatMap(failures -> failures < max ? Mono.just(Duration.ZERO)
                        : redis.getExpire(key).map(ttl -> ttl.isNegative() || ttl.isZero() ? window : ttl));
    }

    private Mono<Void> count(String key) {
        // The window starts at the first failure and is not extended by later ones.
        return redis.opsForValue().increment(key)
                .flatMap(n -> n == 1 ? redis.expire(key, window).then() : Mono.empty());
    }

}
