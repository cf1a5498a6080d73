package io.stockflow.forecasting.forecast;

import io.stockflow.common.events.SeriesKey;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.demand.SeriesHistory;
import io.stockflow.forecasting.model.AccuracyMetrics;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.regressor.RegressorRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Answers forecast requests: checks them, reads each series' history, fits (or reuses) models, reports. */
public class ForecastService {

    private static final List<Integer> DEFAULT_LEAD_TIMES = List.of(7, 14, 28);

    private final DemandRepository demand;
    private final RegressorRepository regressors;
    private final SeriesForecaster forecaster;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxSeriesPerRequest;
    private final int maxHorizonDays;
    private final double[] quantileLevels;
    private final List<String> quantileNames;

    public ForecastService(DemandRepository demand, RegressorRepository regressors, SeriesForecaster forecaster, Clock clock, ZoneId zone,
                           int maxSeriesPerRequest, int maxHorizonDays, double[] quantileLevels) {
        this.demand = demand;
        this.regressors = regressors;
        this.forecaster = forecaster;
        this.clock = clock;
        this.zone = zone;
        this.maxSeriesPerRequest = maxSeriesPerRequest;
        this.maxHorizonDays = maxHorizonDays;
        this.quantileLevels = quantileLevels.clone();
        this.quantileNames = Arrays.stream(quantileLevels).mapToObj(ForecastService::quantileName).toList();
    }

    static String quantileName(double level) {
        double percent = level * 100;
        return percent == Math.rint(percent) ? "p" + (long) percent
                : "p" + String.valueOf(percent).replace('.', '_');
    }

    public Mono<ForecastResponse> forecast(ForecastRequest request) {
        List<String> models = request.models() == null || request.models().isEmpty()
                ? List.of(EnsembleForecaster.NAME) : List.copyOf(new LinkedHashSet<>(request.models()));
        int horizon = request.forecastHorizonDays();
        List<Integer> leadTimes = leadTimes(request.leadTimeDays(), horizon);
        check(request, models, horizon, leadTimes);
        Set<String> stores = new TreeSet<>(request.storeIds());
        Set<String> products = new TreeSet<>(request.productIds());
        return Mono.zip(demand.knownStores(stores), demand.knownProducts(products), demand.lastDay())
                .flatMap(known -> {
                    requireKnown(stores, known.getT1(), products, known.getT2());
                    LocalDate historyEnd = historyEnd(known.getT3());
                    List<SeriesKey> keys = new ArrayList<>();
                    stores.forEach(store -> products.forEach(product -> keys.add(new SeriesKey(store, product))));
                    return Flux.fromIterable(keys)
                            .flatMapSequential(key -> demand.history(key, historyEnd)
                                    .flatMap(history -> withRegressors(key, history, historyEnd))
                                    .publishOn(Schedulers.parallel())
                                    .flatMapIterable(history -> models.stream()
                                            .map(model -> forecast(key, history, historyEnd, model, horizon,
                                                    leadTimes))
                                            .toList()), Schedulers.DEFAULT_POOL_SIZE)
                            .collectList();
                })
                .map(forecasts -> new ForecastResponse(clock.instant(), horizon, quantileNames, forecasts));
    }

    /**
     * The last complete day: yesterday when data is live; the data's own last day when it ends earlier (an imported
     * history), so that a forecast of imported data starts right after it.
     */
    private LocalDate historyEnd(Optional<LocalDate> lastDay) {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        return lastDay.filter(day -> day.isBefore(yesterday)).orElse(yesterday);
    }

    /** The series' history with every regressor known from its first day through the longest horizon. */
    private Mono<Optional<DemandSeries>> withRegressors(SeriesKey key, Optional<SeriesHistory> history,
                                                        LocalDate historyEnd) {
        if (history.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        SeriesHistory days = history.get();
        return regressors.forSeries(key, days.start(), historyEnd.plusDays(maxHorizonDays))
                .map(values -> Optional.of(new DemandSeries(days.start(), days.sold(), values)));
    }

    private ForecastResponse.SeriesForecast forecast(SeriesKey key, Optional<DemandSeries> history,
                                                     LocalDate historyEnd, String model, int horizon,
                                                     List<Integer> leadTimes) {
        if (history.isEmpty()) {
            return new ForecastResponse.SeriesForecast(key.storeId(), key.productId(), model, null, historyEnd, 0,
                    "No sales of this product are recorded in this store: its demand is forecast as zero",
                    List.of(), null, zeroDays(historyEnd, horizon), zeroTotals(leadTimes));
        }
        DemandSeries series = history.get();
        EnsembleForecaster.Fit fit = forecaster.fit(key, model, series);
        double[] mean = Arrays.copyOf(fit.mean(), horizon);
        double[][] quantiles = fit.errors().daily(mean, quantileLevels);
        List<ForecastResponse.Day> daily = new ArrayList<>(horizon);
        for (int day = 0; day < horizon; day++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int q = 0; q < quantileLevels.length; q++) {
                values.put(quantileNames.get(q), quantiles[q][day]);
            }
            daily.add(new ForecastResponse.Day(historyEnd.plusDays(day + 1L), mean[day], values));
        }
        List<ForecastResponse.LeadTimeTotal> totals = new ArrayList<>();
        for (int leadTime : leadTimes) {
            double[] total = fit.errors().leadTime(mean, leadTime, quantileLevels);
            double point = Arrays.stream(mean, 0, leadTime).sum();
            totals.add(new ForecastResponse.LeadTimeTotal(leadTime, point, named(total)));
        }
        List<ForecastResponse.Member> members = fit.members().stream()
                .map(member -> new ForecastResponse.Member(member.name(), member.model(), member.weight(),
                        fit.backtest(member.name()).map(EnsembleForecaster.MemberBacktest::score)
                                .map(ForecastService::finite).orElse(null)))
                .toList();
        return new ForecastResponse.SeriesForecast(key.storeId(), key.productId(), model, series.start(), historyEnd,
                series.length(), fit.note(), members, backtest(fit), daily, totals);
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

    private Map<String, Double> named(double[] values) {
        Map<String, Double> named = new LinkedHashMap<>();
        for (int q = 0; q < values.length; q++) {
            named.put(quantileNames.get(q), values[q]);
        }
        return named;
    }

    private List<ForecastResponse.Day> zeroDays(LocalDate historyEnd, int horizon) {
        List<ForecastResponse.Day> days = new ArrayList<>(horizon);
        for (int day = 0; day < horizon; day++) {
            days.add(new ForecastResponse.Day(historyEnd.plusDays(day + 1L), 0, named(new double[quantileLevels.length])));
        }
        return days;
    }

    private List<ForecastResponse.LeadTimeTotal> zeroTotals(List<Integer> leadTimes) {
        return leadTimes.stream()
                .map(days -> new ForecastResponse.LeadTimeTotal(days, 0, named(new double[quantileLevels.length])))
                .toList();
    }

    private static List<Integer> leadTimes(List<Integer> requested, int horizon) {
        if (requested != null && !requested.isEmpty()) {
            return List.copyOf(new TreeSet<>(requested));
        }
        TreeSet<Integer> leadTimes = new TreeSet<>();
        DEFAULT_LEAD_TIMES.stream().filter(days -> days < horizon).forEach(leadTimes::add);
        leadTimes.add(horizon);
        return List.copyOf(leadTimes);
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
