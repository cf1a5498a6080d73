package io.stockflow.gateway.auth;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis (see TestInfrastructure); time is the test's, passed to each attempt as a fixed clock. */
class LoginThrottleTest extends RealRedis {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    /** 3 attempts, then 10 s, 20 s, 40 s, capped at 60 s. */
    private static final LoginThrottle.Limit PAIR = new LoginThrottle.Limit(3, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(10));
    /** 8 attempts, then 1 s, 2 s, capped at 4 s. */
    private static final LoginThrottle.Limit USER = new LoginThrottle.Limit(8, Duration.ofSeconds(1),
            Duration.ofSeconds(4), Duration.ofMinutes(10));

    private static LoginThrottle at(Instant now) {
        return new LoginThrottle(redis, Clock.fixed(now, ZoneOffset.UTC), PAIR, USER);
    }

    private static Duration attempt(Instant now, String user, InetAddress client) {
        return at(now).attempt(user, client).block();
    }

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void parallelAttemptsAreCountedBeforeAnyIsCheckedSoOnlyTheFreeOnesGetThrough() {
        String user = user();
        InetAddress client = address("203.0.113.7");
        LoginThrottle throttle = at(START);
        List<Duration> waits = Flux.range(0, 50).flatMap(i -> throttle.attempt(user, client), 50)
                .collectList().block();
        assertThat(waits).filteredOn(Duration::isZero).hasSize(3);
        assertThat(waits).filteredOn(wait -> !wait.isZero()).hasSize(47)
                .allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void eachFurtherAttemptWaitsTwiceAsLongUpToTheLongestDelay() {
        String user = user();
        InetAddress client = address("203.0.113.8");
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(START, user, client)).isZero();
        }
        Instant now = START;
        for (Duration expected : List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(60), Duration.ofSeconds(60))) {
            assertThat(attempt(now, user, client)).isEqualTo(expected);
            // refused attempts neither count nor extend the wait
            assertThat(attempt(now.plus(expected).minusMillis(1), user, client)).isEqualTo(Duration.ofMillis(1));
            now = now.plus(expected);
            assertThat(attempt(now, user, client)).isZero();
        }
    }

    @Test
    void anotherAddressIsNotHeldBackByTheFirstOnesCounter() {
        String user = user();
        for (int i = 0; i < 3; i++) {
            attempt(START, user, address("203.0.113.9"));
        }
        assertThat(attempt(START, user, address("203.0.113.9"))).isPositive();
        assertThat(attempt(START, user, address("198.51.100.9"))).isZero();
        // and other users from the throttled address are not held back either
        assertThat(attempt(START, user(), address("203.0.113.9"))).isZero();
    }

    @Test
    void theUsernamesCounterIsLooseAndOnlySlows() {
        String user = user();
        int next = 0;
        // 8 attempts from 8 addresses: the username's free attempts are spent, no address's
        for (; next < 8; next++) {
            assertThat(attempt(START, user, address("192.0.2." + next))).isZero();
        }
        assertThat(attempt(START, user, address("192.0.2.100"))).isEqualTo(Duration.ofSeconds(1));
        Instant now = START;
        for (Duration expected : List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4))) {
            now = now.plus(expected);
            assertThat(attempt(now, user, address("192.0.2." + next++))).isZero();
        }
        // however many addresses guess, a fresh one never waits more than the username's longest delay
        assertThat(attempt(now, user, address("192.0.2.200"))).isEqualTo(USER.longestDelay());
    }

    @Test
    void aSuccessClearsThatAddressesCounterAndTheUsernames() {
        String user = user();
        InetAddress client = address("203.0.113.10");
        for (int i = 0; i < 3; i++) {
            attempt(START, user, client);
        }
        Instant afterBackOff = START.plusSeconds(10);
        assertThat(attempt(afterBackOff, user, client)).isZero();
        at(afterBackOff).succeeded(user, client).block();
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(afterBackOff, user, client)).isZero();
        }
        assertThat(attempt(afterBackOff, user, client)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void forgettingAUsernameClearsAllItsCountersAndNoOneElses() {
        String user = user();
        String other = user();
        for (String name : List.of(user, other)) {
            for (int i = 0; i < 3; i++) {
                attempt(START, name, address("203.0.113.11"));
                attempt(START, name, address("2001:db8:1:2::" + (i + 1)));
            }
        }
        at(START).forget(user).block();
        assertThat(attempt(START, user, address("203.0.113.11"))).isZero();
        assertThat(attempt(START, user, address("2001:db8:1:2::9"))).isZero();
        assertThat(attempt(START, other, address("203.0.113.11"))).isPositive();
    }

    @Test
    void ipv6ClientsAreCountedBySlash64() {
        String user = user();
        for (int i = 1; i <= 3; i++) {
            assertThat(attempt(START, user, address("2001:db8:5:6::" + i))).isZero();
        }
        assertThat(attempt(START, user, address("2001:db8:5:6:ffff::1"))).isPositive();
        assertThat(attempt(START, user, address("2001:db8:5:7::1"))).isZero();
        assertThat(LoginThrottle.addressKey(address("2001:db8:5:6:ffff::1"))).isEqualTo("2001:db8:5:6:0:0:0:0/64");
        assertThat(LoginThrottle.addressKey(address("192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.addressKey(null)).isEqualTo("unknown");
    }

    @Test
    void countersAreForgottenAfterAQuietPeriod() {
        String user = user();
        attempt(START, user, address("203.0.113.12"));
        Long ttl = redis.getExpire("sf:gw:login:{" + user + "}").map(Duration::toSeconds).block();
        assertThat(ttl).isBetween(590L, 600L);
    }
}
