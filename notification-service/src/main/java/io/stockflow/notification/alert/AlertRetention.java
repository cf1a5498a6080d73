package io.stockflow.notification.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration retention;
    private final Counter pruned;

    public AlertRetention(DatabaseClient db, Clock clock, Duration retention, MeterRegistry registry) {
        this.db = db;
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
            // Foreign keys are checked at the end of the statement, after every CTE has deleted its part.
            removed = db.sql("""
                            WITH old AS (
                                SELECT alert_id FROM alert a
                                WHERE status = 'resolved' AND resolved_at < $1
                                  AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.alert_id = a.alert_id
                                                  AND d.status IN ('pending', 'retrying', 'sending'))
                                ORDER BY resolved_at LIMIT $2 FOR UPDATE SKIP LOCKED),
                            attempts AS (
                                DELETE FROM delivery_attempt WHERE delivery_id IN (
                                    SELECT delivery_id FROM delivery WHERE alert_id IN (SELECT alert_id FROM old))),
                            deliveries AS (DELETE FROM delivery WHERE alert_id IN (SELECT alert_id FROM old)),
                            routes AS (DELETE FROM alert_route WHERE alert_id IN (SELECT alert_id FROM old))
                            DELETE FROM alert WHERE alert_id IN (SELECT alert_id FROM old)""")
                    .bind(0, cutoff).bind(1, BATCH).fetch().rowsUpdated().block(TIMEOUT);
            total += removed;
        } while (removed == BATCH);
        pruned.increment(total);
        return total;
    }
}
