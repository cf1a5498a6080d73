package io.stockflow.forecasting.forecast;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.regressor.RegressorRepository;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Optional;

/** A series as the models see it: units sold from its first sale through the history's end, and its regressors. */
public class SeriesLoader {

    private final DemandRepository demand;
    private final RegressorRepository regressors;
    private final int maxHorizonDays;

    public SeriesLoader(DemandRepository demand, RegressorRepository regressors, int maxHorizonDays) {
        this.demand = demand;
        this.regressors = regressors;
        this.maxHorizonDays = maxHorizonDays;
    }

    /** Empty when the series has no sales up to {@code historyEnd}. */
    public Mono<Optional<DemandSeries>> load(SeriesKey key, LocalDate historyEnd) {
        return demand.history(key, historyEnd).flatMap(history -> history.isEmpty()
                ? Mono.just(Optional.<DemandSeries>empty())
                : regressors.forSeries(key, history.get().start(), historyEnd.plusDays(maxHorizonDays))
                        .map(values -> Optional.of(new DemandSeries(history.get().start(), history.get().sold(),
                                values))));
    }
}
