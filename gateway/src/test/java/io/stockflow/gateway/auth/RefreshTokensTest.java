package io.stockflow.gateway.auth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis (see TestInfrastructure). */
class RefreshTokensTest extends RealRedis {

    private static RefreshTokens tokens;

    @BeforeAll
    static void create() {
        tokens = new RefreshTokens(redis, Duration.ofDays(7));
    }

    @Test
    void eachRefreshSpendsItsTokenAndHandsOutTheNext() {
        String first = tokens.issue("alice", 0).block();
        RefreshTokens.Rotation second = tokens.rotate(first).block();
        assertThat(second.outcome()).isEqualTo(RefreshTokens.Outcome.ROTATED);
        assertThat(second.subject()).isEqualTo("alice");
        assertThat(second.next()).isNotEqualTo(first);
        assertThat(tokens.rotate(second.next()).block().outcome()).isEqualTo(RefreshTokens.Outcome.ROTATED);
    }

    @Test
    void theSessionVersionOfTheLoginTravelsWithEveryRotation() {
        String first = tokens.issue("erin", 7).block();
        RefreshTokens.Rotation second = tokens.rotate(first).block();
        assertThat(second.sessionVersion()).isEqualTo(7);
        assertThat(tokens.rotate(second.next()).block().sessionVersion()).isEqualTo(7);
        // a token stored before versions were recorded has none: -1, which no user has, so its login ends
        String old = tokens.issue("frank", 0).block();
        redis.opsForHash().remove("sf:gw:refresh:" + old.substring(0, old.indexOf('.')), "version").block();
        RefreshTokens.Rotation fromOld = tokens.rotate(old).block();
        assertThat(fromOld.outcome()).isEqualTo(RefreshTokens.Outcome.ROTATED);
        assertThat(fromOld.sessionVersion()).isEqualTo(-1);
    }

    @Test
    void reusingASpentTokenRevokesTheWholeFamily() {
        String stolen = tokens.issue("bob", 0).block();
        String victims = tokens.rotate(stolen).block().next();
        RefreshTokens.Rotation replay = tokens.rotate(stolen).block();
        assertThat(replay.outcome()).isEqualTo(RefreshTokens.Outcome.REUSED);
        assertThat(replay.subject()).isEqualTo("bob");
        assertThat(tokens.rotate(victims).block().outcome()).isEqualTo(RefreshTokens.Outcome.REVOKED);
        // another login of the same user is another family and unaffected
        assertThat(tokens.rotate(tokens.issue("bob", 0).block()).block().outcome())
                .isEqualTo(RefreshTokens.Outcome.ROTATED);
    }

    @Test
    void concurrentRefreshesWithOneTokenCannotBothSucceed() {
        String token = tokens.issue("carol", 0).block();
        List<RefreshTokens.Rotation> results = Mono.zip(tokens.rotate(token), tokens.rotate(token),
                (a, b) -> List.of(a, b)).block();
        assertThat(results).extracting(RefreshTokens.Rotation::outcome)
                .containsExactlyInAnyOrder(RefreshTokens.Outcome.ROTATED, RefreshTokens.Outcome.REUSED);
    }

    @Test
    void logoutRevokesAndForgedOrUnknownTokensAreRefused() {
        String token = tokens.issue("dave", 0).block();
        String forged = token.substring(0, token.indexOf('.') + 1) + "x".repeat(43);
        assertThat(tokens.rotate(forged).block().outcome()).isEqualTo(RefreshTokens.Outcome.UNKNOWN);
        assertThat(tokens.rotate("garbage").block().outcome()).isEqualTo(RefreshTokens.Outcome.UNKNOWN);
        tokens.revoke(forged).block(); // a forged token cannot log anyone out
        String next = tokens.rotate(token).block().next();
        tokens.revoke(next).block();
        assertThat(tokens.rotate(next).block().outcome()).isEqualTo(RefreshTokens.Outcome.REVOKED);
    }
}
