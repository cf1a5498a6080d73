package io.stockflow.notification.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets alerts resolved longer ago than the retention, with their routes, deliveries and delivery log, so the
 * history stays as long as people look back and no longer. Open and acknowledged alerts, and alerts with a
 * delivery still to be sent, are kept whatever their age. Works in batches so no pass holds locks for long.
 */
public class AlertRetention {

    private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);
    private static final int BATCH = 1_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final AlertRepository alerts;
    private final Clock clock;
    private final Duration retention;
    private final Counter pruned;

    public AlertRetention(AlertRepository alerts, Clock clock, Duration retention, MeterRegistry registry) {
        this.alerts = alerts;
        this.clock = clock;
        this.retention = retention;
        this.pruned = Counter.builder("stockflow.notification.alerts.pruned")
                .description("resolved alerts removed after the retention period").register(registry);
    }

    @Scheduled(fixedDelayString = "${stockflow.notification.retention-interval}", initialDelay = 60_000)
    public void scheduled() {
        try {
            long removed = prune();
            if (removed > 0) {
                log.info("Removed {} alerts resolved before {}", removed, clock.instant().minus(retention));
            }
        } catch (RuntimeException e) {
            log.warn("Alert retention paused: {}", e.toString());
        }
    }

    /** @return how many alerts were removed */
    public long prune() {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        long removed;
        do {
            removed = alerts.pruneResolvedBefore(cutoff, BATCH).block(TIMEOUT);
            total += removed;
        } while (removed == BATCH);
        pruned.increment(total);
        return total;
    }
}
