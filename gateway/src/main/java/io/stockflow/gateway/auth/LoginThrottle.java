package io.stockflow.gateway.auth;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Brute-force protection for logins, shared by every gateway replica through Redis.
 * <p>
 * Every attempt is counted <em>before</em> its password is checked, as a failure, by one Lua script that reads and
 * updates all of the attempt's counters at once: so parallel guesses cannot all slip past a limit while their
 * checks run, and a refused attempt costs no bcrypt. Two counters:
 * <ul>
 *   <li>per (username, client address): the tight one. A few attempts back to back, then an exponential back-off
 *   (1 s, 2 s, 4 s … up to 15 min by default) before each further one. It stops one source guessing one account,
 *   and only that source: a stranger who trips it locks out nobody but themselves.</li>
 *   <li>per username: much looser (100 attempts by default), with a short longest delay (30 s). It slows guessing
 *   spread over many addresses, and because it never locks for long, a stranger cannot keep the owner out.</li>
 * </ul>
 * A refused attempt is not counted and does not extend the back-off, so waiting as told always works. A successful
 * login clears that address's counter for the user and the username's counter: the owner, from a clean address,
 * is at most slowed. Counters are forgotten after a quiet period ({@code forgetAfter}). IPv6 clients are counted
 * by /64, the block one subscriber usually holds.
 */
public final class LoginThrottle {

    /**
     * One counter's rule: {@code freeAttempts} attempts back to back; after the n-th (n ≥ freeAttempts) the next must
     * wait {@code firstDelay · 2^(n − freeAttempts)}, at most {@code longestDelay}; the counter is forgotten
     * {@code forgetAfter} after its last counted attempt (or when its delay ends, if later).
     */
    public record Limit(int freeAttempts, Duration firstDelay, Duration longestDelay, Duration forgetAfter) {
        public Limit {
            if (freeAttempts < 1 || firstDelay.toMillis() < 1 || longestDelay.compareTo(firstDelay) < 0
                    || forgetAfter.toMillis() < 1) {
                throw new IllegalArgumentException("a login limit needs free-attempts ≥ 1, a first-delay of at least "
                        + "1 ms, longest-delay ≥ first-delay and a forget-after of at least 1 ms; got free-attempts "
                        + freeAttempts + ", first-delay " + firstDelay + ", longest-delay " + longestDelay
                        + ", forget-after " + forgetAfter);
            }
        }
    }

    /** Counters live in hashes: {@code attempts} and {@code blocked_until} (epoch ms). */
    private static final String PREFIX = "sf:gw:login:";
    /**
     * KEYS: the attempt's counters. ARGV[1]: now (epoch ms); then per key: free attempts, first delay, longest delay,
     * forget after (ms). Returns 0 when the attempt was counted and may go on, else the ms to wait (nothing counted).
     */
    private static final RedisScript<Long> COUNT_ATTEMPT = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local wait = 0
            for i = 1, #KEYS do
              local blocked = tonumber(redis.call('HGET', KEYS[i], 'blocked_until') or 0)
              if blocked - now > wait then wait = blocked - now end
            end
            if wait > 0 then return wait end
            for i = 1, #KEYS do
              local free, first, longest, forget =
                tonumber(ARGV[4 * i - 2]), tonumber(ARGV[4 * i - 1]), tonumber(ARGV[4 * i]), tonumber(ARGV[4 * i + 1])
              local attempts = redis.call('HINCRBY', KEYS[i], 'attempts', 1)
              local delay = 0
              if attempts >= free then
                delay = math.min(first * 2 ^ (attempts - free), longest)
                redis.call('HSET', KEYS[i], 'blocked_until', string.format('%.0f', now + delay))
              end
              redis.call('PEXPIRE', KEYS[i], string.format('%.0f', math.max(forget, delay)))
            end
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final Limit perUserAndAddress;
    private final Limit perUser;

    public LoginThrottle(ReactiveStringRedisTemplate redis, Clock clock, Limit perUserAndAddress, Limit perUser) {
        this.redis = redis;
        this.clock = clock;
        this.perUserAndAddress = perUserAndAddress;
        this.perUser = perUser;
    }

    /**
     * Counts an attempt, before its password is checked.
     *
     * @param client null when unknown (all such attempts share one counter per username)
     * @return {@link Duration#ZERO} when the password may be checked, else how long to wait (nothing was counted)
     */
    public Mono<Duration> attempt(String username, InetAddress client) {
        List<String> keys = List.of(userAndAddressKey(username, client), userKey(username));
        List<String> args = Arrays.asList(Long.toString(clock.millis()),
                Integer.toString(perUserAndAddress.freeAttempts()), millis(perUserAndAddress.firstDelay()),
                millis(perUserAndAddress.longestDelay()), millis(perUserAndAddress.forgetAfter()),
                Integer.toString(perUser.freeAttempts()), millis(perUser.firstDelay()), millis(perUser.longestDelay()),
                millis(perUser.forgetAfter()));
        return redis.execute(COUNT_ATTEMPT, keys, args).next().map(Duration::ofMillis);
    }

    /** The password was right: clears this address's counter for the user, and the username's. */
    public Mono<Void> succeeded(String username, InetAddress client) {
        return redis.delete(userAndAddressKey(username, client), userKey(username)).then();
    }

    /**
     * Clears every counter of a username, e.g. when its password is reset at start: earlier guesses were against a
     * password that no longer exists.
     */
    public Mono<Void> forget(String username) {
        String pattern = PREFIX + "{" + escapeGlob(username) + "}:*";
        Flux<String> keys = redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build());
        return redis.delete(keys.startWith(userKey(username))).then();
    }

    // The username is a hash tag ({…}), so both keys of one attempt share a Redis Cluster slot, as a script needs.
    private static String userKey(String username) {
        return PREFIX + "{" + username + "}";
    }

    private static String userAndAddressKey(String username, InetAddress client) {
        return PREFIX + "{" + username + "}:" + addressKey(client);
    }

    /** IPv4 as is; IPv6 by its /64, since one subscriber can use every address of theirs. */
    static String addressKey(InetAddress client) {
        if (client == null) {
            return "unknown";
        }
        if (client instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(Arrays.copyOf(client.getAddress(), 8), 16);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("sixteen bytes are always an address", e);
            }
        }
        return client.getHostAddress();
    }

    private static String escapeGlob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
