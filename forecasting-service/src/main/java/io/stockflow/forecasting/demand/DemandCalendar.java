package io.stockflow.forecasting.demand;

import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which day a store's histories end on. A store with live sales ends yesterday: today is still being sold, and a
 * product it stopped selling gets the zero days since. A store whose data ends earlier (an imported history, a test
 * tenant) ends on its own last day, so that its forecasts start right after it instead of after months of invented
 * zeros.
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

    public LocalDate yesterday() {
        return LocalDate.now(clock.withZone(zone)).minusDays(1);
    }

    /** The history end of each of these stores that has any demand. */
    public Mono<Map<String, LocalDate>> historyEnds(Collection<String> storeIds) {
        LocalDate yesterday = yesterday();
        return demand.lastDays(storeIds).map(lastDays -> {
            Map<String, LocalDate> ends = new TreeMap<>();
            lastDays.forEach((store, last) -> ends.put(store, last.isBefore(yesterday) ? last : yesterday));
            return ends;
        });
    }
}
