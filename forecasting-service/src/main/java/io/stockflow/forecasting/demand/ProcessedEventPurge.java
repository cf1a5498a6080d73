package io.stockflow.forecasting.demand;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets consumed event ids older than the retention (35 days by default): Kafka redelivers within minutes, and
 * ingestion refuses a transaction line it has already accepted for days, so older ids only take space.
 */
class ProcessedEventPurge {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventPurge.class);

    private final DemandRepository demand;
    private final Clock clock;
    private final Duration retention;

    ProcessedEventPurge(DemandRepository demand, Clock clock, Duration retention) {
        this.demand = demand;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        demand.forgetProcessedBefore(clock.instant().minus(retention))
                .subscribe(forgotten -> {
                    if (forgotten > 0) {
                        log.info("Forgot {} event ids consumed more than {} ago", forgotten, retention);
                    }
                }, failure -> log.warn("Could not forget old event ids: {}", failure.toString()));
    }
}
