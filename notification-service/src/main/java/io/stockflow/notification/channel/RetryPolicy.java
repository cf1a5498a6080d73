package io.stockflow.notification.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015): after
 * attempt n the next one waits a uniform random time in [0, min(cap, base·2^(n−1))], so many receivers failing at
 * once do not retry in lockstep. After {@code maxAttempts} attempts there is no next one: the delivery is dead.
 */
public class RetryPolicy {

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final RandomGenerator random;

    public RetryPolicy(Duration base, Duration cap, int maxAttempts) {
        this(base, cap, maxAttempts, RandomGenerator.getDefault());
    }

    public RetryPolicy(Duration base, Duration cap, int maxAttempts, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("base > 0, cap ≥ base and at least one attempt");
        }
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** The longest wait after attempt {@code attempt} (from 1). */
    public Duration ceiling(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 40);
        long millis = base.toMillis() > cap.toMillis() / factor ? cap.toMillis() : base.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** When to try again after failed attempt {@code attempt}; empty when it was the last. */
    public Optional<Instant> nextAttempt(int attempt, Instant now) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plusMillis(random.nextLong(ceiling(attempt).toMillis() + 1)));
    }
}
