package io.stockflow.gateway.auth;

import io.stockflow.testsupport.RedisEndpoint;
import io.stockflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis (see TestInfrastructure). */
class LoginThrottleTest {

    private static LettuceConnectionFactory connections;
    private static LoginThrottle throttle;

    @BeforeAll
    static void connect() {
        RedisEndpoint redis = TestInfrastructure.redis();
        connections = new LettuceConnectionFactory(redis.host(), redis.port());
        connections.afterPropertiesSet();
        connections.start();
        throttle = new LoginThrottle(new ReactiveStringRedisTemplate(connections), 3, 5, Duration.ofMinutes(10));
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
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
