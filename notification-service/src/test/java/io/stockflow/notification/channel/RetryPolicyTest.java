package io.stockflow.notification.channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 8);
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.ceiling(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.ceiling(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.ceiling(70)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void waitsAreSpreadOverTheWholeRangeAndTheLastAttemptGivesUp() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 8, new Random(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long wait = Duration.between(now, policy.nextAttempt(4, now).orElseThrow()).toMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        // Full jitter over [0, 16 s]: both ends are reached, nothing beyond.
        assertThat(min).isLessThan(500);
        assertThat(max).isBetween(15_500L, 16_000L);
        assertThat(policy.nextAttempt(7, now)).isPresent();
        assertThat(policy.nextAttempt(8, now)).isEmpty();
    }
}
