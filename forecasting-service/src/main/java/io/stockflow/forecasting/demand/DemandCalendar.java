package io.stockflow.forecasting.demand;

import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Which day histories end on. Live data ends yesterday: today is still being sold. Data that ends earlier (an
 * imported history, a test tenant) ends on its own last day, so that its forecast starts right after it instead of
 * after months of invented zeros.
 */
public class DemandCalendar {

    private final DemandRepository demand;
    private final Clock clock;
    private final ZoneId zone;

    public DemandCalendar(DemandRepository demand, Clock clock, ZoneId zone) {
        this.demand = demand;
        this.clock = clock;
        this.zone = zone;
    }

    public Mono<LocalDate> historyEnd() {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        return demand.lastDay().map(lastDay -> lastDay.filter(day -> day.isBefore(yesterday)).orElse(yesterday));
    }
}
