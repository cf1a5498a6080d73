package io.stockflow.ingestion.batches;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes refused rows older than the retention ({@code stockflow.ingestion.rejected-row-retention}, 30 days by
 * default): a batch can refuse millions, and they serve to fix and resend it, not as an archive (the dead-letter
 * topic is that). Deletes in batches so no statement holds locks for long. The batch records stay.
 */
public class RejectedRowRetention {

    private static final Logger log = LoggerFactory.getLogger(RejectedRowRetention.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final BatchRepository batches;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public RejectedRowRetention(BatchRepository batches, Clock clock, Duration retention, int batchSize) {
        this.batches = batches;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void scheduled() {
        try {
            long removed = purge();
            if (removed > 0) {
                log.info("Removed {} refused rows of batches received more than {} ago", removed, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove old refused rows; trying again next time: {}", e.toString());
        }
    }

    /** @return how many refused rows were removed */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        long removed;
        do {
            removed = batches.forgetRejectedRowsBefore(cutoff, batchSize).block(TIMEOUT);
            total += removed;
        } while (removed == batchSize);
        return total;
    }
}
