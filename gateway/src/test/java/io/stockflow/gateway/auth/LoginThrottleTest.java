package io.stockflow.gateway.auth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis (see TestInfrastructure). */
class LoginThrottleTest extends RealRedis {

    private static LoginThrottle throttle;

    @BeforeAll
    static void create() {
        throttle = new LoginThrottle(redis, 3, 5, Duration.ofMinutes(10));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID();
    }

    @Test
    void locksAUsernameAfterTooManyFailuresUntilTheWindowEnds() {
        String user = unique("u-");
        String client = unique("c-");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitBeforeAttempt(user, client).block()).isZero();
            throttle.failed(user, client).block();
        }
        assertThat(throttle.waitBeforeAttempt(user, client).block()).isBetween(Duration.ofMinutes(9),
                Duration.ofMinutes(10));
        assertThat(throttle.waitBeforeAttempt(unique("other-"), client).block()).isZero();
    }

    @Test
    void locksAClientThatGuessesAcrossManyUsernames() {
        String client = unique("c-");
        for (int i = 0; i < 5; i++) {
            throttle.failed(unique("u-"), client).block();
        }
        assertThat(throttle.waitBeforeAttempt(unique("u-"), client).block()).isPositive();
    }

    @Test
    void aSuccessfulLoginClearsTheUsernamesFailures() {
        String user = unique("u-");
        throttle.failed(user, unique("c-")).block();
        throttle.failed(user, unique("c-")).block();
        throttle.succeeded(user).block();
        throttle.failed(user, unique("c-")).block();
        throttle.failed(user, unique("c-")).block();
        assertThat(throttle.waitBeforeAttempt(user, unique("c-")).block()).isZero();
    }
}
