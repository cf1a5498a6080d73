package io.stockflow.gateway.auth;

import io.stockflow.testsupport.RedisEndpoint;
import io.stockflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis (see TestInfrastructure). */
class RefreshTokensTest {

    private static LettuceConnectionFactory connections;
    private static RefreshTokens tokens;

    @BeforeAll
    static void connect() {
        RedisEndpoint redis = TestInfrastructure.redis();
        connections = new LettuceConnectionFactory(redis.host(), redis.port());
        connections.afterPropertiesSet();
        connections.start();
        tokens = new RefreshTokens(new ReactiveStringRedisTemplate(connections), Duration.ofDays(7));
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void eachRefreshSpendsItsTokenAndHandsOutTheNext() {
        String first = tokens.issue("alice").block();
        RefreshTokens.Rotation second = tokens.rotate(first).block();
        assertThat(second.outcome()).isEqualTo(RefreshTokens.Outcome.ROTATED);
        assertThat(second.subject()).isEqualTo("alice");
        assertThat(second.next()).isNotEqualTo(first);
        assertThat(tokens.rotate(second.next()).block().outcome()).isEqualTo(RefreshTokens.Outcome.ROTATED);
    }

    @Test
    void reusingASpentTokenRevokesTheWholeFamily() {
        String stolen = tokens.issue("bob").block();
        String victims = tokens.rotate(stolen).block().next();
        RefreshTokens.Rotation replay = tokens.rotate(stolen).block();
        assertThat(replay.outcome()).isEqualTo(RefreshTokens.Outcome.REUSED);
        assertThat(replay.subject()).isEqualTo("bob");
        assertThat(tokens.rotate(victims).block().outcome()).isEqualTo(RefreshTokens.Outcome.REVOKED);
        // another login of the same user is another family and unaffected
        assertThat(tokens.rotate(tokens.issue("bob").block()).block().outcome())
                .isEqualTo(RefreshTokens.Outcome.ROTATED);
    }

    @Test
    void concurrentRefreshesWithOneTokenCannotBothSucceed() {
        String token = tokens.issue("carol").block();
        List<RefreshTokens.Rotation> results = Mono.zip(tokens.rotate(token), tokens.rotate(token),
                (a, b) -> List.of(a, b)).block();
        assertThat(results).extracting(RefreshTokens.Rotation::outcome)
                .containsExactlyInAnyOrder(RefreshTokens.Outcome.ROTATED, RefreshTokens.Outcome.REUSED);
    }

    @Test
    void logoutRevokesAndForgedOrUnknownTokensAreRefused() {
        String token = tokens.issue("dave").block();
        String forged = token.substring(0, token.indexOf('.') + 1) + "x".repeat(43);
        assertThat(tokens.rotate(forged).block().outcome()).isEqualTo(RefreshTokens.Outcome.UNKNOWN);
        assertThat(tokens.rotate("garbage").block().outcome()).isEqualTo(RefreshTokens.Outcome.UNKNOWN);
        tokens.revoke(forged).block(); // a forged token cannot log anyone out
        String next = tokens.rotate(token).block().next();
        tokens.revoke(next).block();
        assertThat(tokens.rotate(next).block().outcome()).isEqualTo(RefreshTokens.Outcome.REVOKED);
    }
}
