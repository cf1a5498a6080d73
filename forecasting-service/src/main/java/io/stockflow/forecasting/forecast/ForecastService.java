package io.stockflow.forecasting.forecast;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.model.AccuracyMetrics;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Answers forecast requests: checks them, reads each series' history, fits (or reuses) models, reports. */
public class ForecastService {

    private final DemandRepository demand;
    private final DemandCalendar calendar;
    private final SeriesLoader loader;
    private final SeriesForecaster forecaster;
    private final Clock clock;
    private final int maxSeriesPerRequest;
    private final int maxHorizonDays;
    private final QuantileTables tables;

    public ForecastService(DemandRepository demand, DemandCalendar calendar, SeriesLoader loader,
                           SeriesForecaster forecaster, Clock clock, int maxSeriesPerRequest, int maxHorizonDays,
                           double[] quantileLevels) {
        this.demand = demand;
        this.calendar = calendar;
        this.loader = loader;
        this.forecaster = forecaster;
        this.clock = clock;
        this.maxSeriesPerRequest = maxSeriesPerRequest;
        this.maxHorizonDays = maxHorizonDays;
        this.tables = new QuantileTables(quantileLevels);
    }

    public Mono<ForecastResponse> forecast(ForecastRequest request) {
        List<String> models = request.models() == null || request.models().isEmpty()
                ? List.of(EnsembleForecaster.NAME) : List.copyOf(new LinkedHashSet<>(request.models()));
        int horizon = request.forecastHorizonDays();
        List<Integer> leadTimes = leadTimes(request.leadTimeDays(), horizon);
        check(request, models, horizon, leadTimes);
        Set<String> stores = new TreeSet<>(request.storeIds());
        Set<String> products = new TreeSet<>(request.productIds());
        return Mono.zip(demand.knownStores(stores), demand.knownProducts(products), calendar.historyEnds(stores))
                .flatMap(known -> {
                    requireKnown(stores, known.getT1(), products, known.getT2());
                    Map<String, LocalDate> historyEnds = known.getT3();
                    List<SeriesKey> keys = new ArrayList<>();
                    stores.forEach(store -> products.forEach(product -> keys.add(new SeriesKey(store, product))));
                    return Flux.fromIterable(keys)
                            .flatMapSequential(key -> {
                                LocalDate historyEnd = historyEnds.get(key.storeId());
                                return loader.load(key, historyEnd)
                                        .publishOn(Schedulers.parallel())
                                        .flatMapIterable(history -> models.stream()
                                                .map(model -> forecast(key, history, historyEnd, model, horizon,
                                                        leadTimes))
                                                .toList());
                            }, Schedulers.DEFAULT_POOL_SIZE)
                            .collectList();
                })
                .map(forecasts -> new ForecastResponse(clock.instant(), horizon, tables.names(), forecasts));
    }

    private ForecastResponse.SeriesForecast forecast(SeriesKey key, Optional<DemandSeries> history,
                                                     LocalDate historyEnd, String model, int horizon,
                                                     List<Integer> leadTimes) {
        if (history.isEmpty()) {
            return new ForecastResponse.SeriesForecast(key.storeId(), key.productId(), model, null, historyEnd, 0,
                    "No sales of this product are recorded in this store: its demand is forecast as zero",
                    List.of(), null, tables.zeroDays(historyEnd, horizon), tables.zeroTotals(leadTimes));
        }
        DemandSeries days = history.get();
        EnsembleForecaster.Fit fit = forecaster.fit(key, model, days);
        List<ForecastDay> daily = tables.daily(fit, historyEnd, horizon);
        List<LeadTimeTotal> totals = tables.leadTimes(fit, horizon, leadTimes);
        List<ForecastResponse.Member> members = fit.members().stream()
                .map(member -> new ForecastResponse.Member(member.name(), member.model(), member.weight(),
                        fit.backtest(member.name()).map(EnsembleForecaster.MemberBacktest::score)
                                .map(ForecastService::finite).orElse(null)))
                .toList();
        return new ForecastResponse.SeriesForecast(key.storeId(), key.productId(), model, days.start(), historyEnd,
                days.length(), fit.note(), members, backtest(fit), daily, totals);
    }

    private static ForecastResponse.Backtest backtest(EnsembleForecaster.Fit fit) {
        AccuracyMetrics metrics = fit.metrics();
        if (metrics == null) {
            return null;
        }
        return new ForecastResponse.Backtest(fit.origins(), fit.backtestHorizon(), finite(metrics.mae()),
                finite(metrics.rmse()), finite(metrics.mase()), finite(metrics.smape()), finite(metrics.wape()),
                finite(metrics.bias()));
    }

    /** JSON has no NaN: an undefined metric (MAPE without demand, say) is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static List<Integer> leadTimes(List<Integer> requested, int horizon) {
        if (requested != null && !requested.isEmpty()) {
            return List.copyOf(new TreeSet<>(requested));
        }
        return QuantileTables.defaultLeadTimes(horizon);
    }

    private void check(ForecastRequest request, List<String> models, int horizon, List<Integer> leadTimes) {
        List<FieldViolation> errors = new ArrayList<>();
        if (horizon < 1 || horizon > maxHorizonDays) {
            errors.add(FieldViolation.of("forecast_horizon_days", "out_of_range",
                    "forecast_horizon_days must be between 1 and " + maxHorizonDays + ", got " + horizon));
        }
        Set<String> valid = ForecastModels.names();
        List<String> unknown = models.stream().filter(model -> !valid.contains(model)).toList();
        if (!unknown.isEmpty()) {
            errors.add(FieldViolation.of("models", "unknown_model", "unknown model(s) " + unknown
                    + "; valid models are " + valid));
        }
        long series = (long) new TreeSet<>(request.storeIds()).size() * new TreeSet<>(request.productIds()).size();
        if (series > maxSeriesPerRequest) {
            errors.add(FieldViolation.of("product_ids", "too_many_series", "stores × products is " + series
                    + " series; at most " + maxSeriesPerRequest + " per request"));
        }
        leadTimes.stream().filter(days -> days < 1 || days > horizon).findFirst().ifPresent(days ->
                errors.add(FieldViolation.of("lead_time_days", "out_of_range",
                        "lead times must lie between 1 and the horizon (" + horizon + " days), got " + days)));
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid forecast request", errors));
        }
        models.forEach(forecaster::requireAvailable);
    }

    private static void requireKnown(Set<String> stores, Set<String> knownStores, Set<String> products,
                                     Set<String> knownProducts) {
        List<String> unknownStores = stores.stream().filter(id -> !knownStores.contains(id)).toList();
        List<String> unknownProducts = products.stream().filter(id -> !knownProducts.contains(id)).toList();
        if (unknownStores.isEmpty() && unknownProducts.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!unknownProducts.isEmpty()) {
            parts.add("products " + unknownProducts);
        }
        if (!unknownStores.isEmpty()) {
            parts.add("stores " + unknownStores);
        }
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "unknown-series", "Unknown products or stores",
                "No demand is recorded for " + String.join(" or ", parts).toLowerCase(Locale.ROOT));
        problem.setProperty("unknown_product_ids", unknownProducts);
        problem.setProperty("unknown_store_ids", unknownStores);
        throw new ApiProblemException(problem);
    }
}
