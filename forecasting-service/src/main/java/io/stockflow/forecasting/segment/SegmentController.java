package io.stockflow.forecasting.segment;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.demand.SeriesHistory;
import io.stockflow.forecasting.model.DemandClassifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code GET /api/ml/segments}: k-means demand segments with ABC and XYZ classes. */
@RestController
class SegmentController {

    private static final long SEED = 42;

    private final DemandRepository demand;
    private final DemandCalendar calendar;

    SegmentController(DemandRepository demand, DemandCalendar calendar) {
        this.demand = demand;
        this.calendar = calendar;
    }

    @GetMapping("/api/ml/segments")
    Mono<SegmentReport> segments(@RequestParam(defaultValue = "4") int k,
                                 @RequestParam(name = "window_days", defaultValue = "365") int windowDays,
                                 @RequestParam(name = "store_id", required = false) List<String> storeIds,
                                 @RequestParam(name = "product_id", required = false) List<String> productIds) {
        List<FieldViolation> errors = new ArrayList<>();
        if (k < 1 || k > 20) {
            errors.add(FieldViolation.of("k", "out_of_range", "k must be between 1 and 20"));
        }
        if (windowDays < 28 || windowDays > 1095) {
            errors.add(FieldViolation.of("window_days", "out_of_range", "window_days must be between 28 and 1095"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid segmentation query", errors));
        }
        List<String> stores = storeIds == null ? List.of() : storeIds;
        List<String> products = productIds == null ? List.of() : productIds;
        return demand.series(stores, products).collectList().flatMap(keys -> {
            List<String> keyStores = keys.stream().map(SeriesKey::storeId).distinct().toList();
            return Mono.zip(calendar.historyEnds(keyStores), Mono.just(keys)).flatMap(found -> {
                Map<String, LocalDate> ends = found.getT1();
                LocalDate since = ends.values().stream().min(LocalDate::compareTo).orElse(LocalDate.now())
                        .minusDays(windowDays - 1L);
                return Mono.zip(Flux.fromIterable(keys)
                                .flatMapSequential(key -> demand.history(key, ends.get(key.storeId())), 8)
                                .filter(Optional::isPresent).map(Optional::get).collectList(),
                        demand.revenueSince(keyStores, since))
                        .publishOn(Schedulers.parallel())
                        .map(loaded -> report(loaded.getT1(), loaded.getT2(), k, windowDays));
            });
        });
    }

    private static SegmentReport report(List<SeriesHistory> histories, Map<SeriesKey, Double> revenue, int k,
                                        int windowDays) {
        List<SegmentInput> inputs = histories.stream()
                .map(history -> SegmentInput.of(history.sold(), windowDays)).toList();
        double[] revenues = histories.stream()
                .mapToDouble(history -> revenue.getOrDefault(history.key(), 0.0)).toArray();
        Segmentation.Result result = Segmentation.segment(inputs, revenues, k, SEED);
        List<SegmentReport.Series> series = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            SeriesHistory history = histories.get(i);
            Segmentation.Assignment assignment = result.assignments().get(i);
            double[] sold = history.sold();
            series.add(new SegmentReport.Series(history.key().storeId(), history.key().productId(),
                    assignment.cluster(), assignment.abc(), assignment.xyz(),
                    DemandClassifier.classify(Arrays.copyOfRange(sold, Math.max(0, sold.length - windowDays),
                            sold.length)).pattern().name().toLowerCase(Locale.ROOT), inputs.get(i).profile()));
        }
        Map<String, Map<Character, Long>> counts = new TreeMap<>();
        counts.put("abc", count(series, SegmentReport.Series::abc));
        counts.put("xyz", count(series, SegmentReport.Series::xyz));
        return new SegmentReport(result.clusters().size(), windowDays, result.clusters(), series, counts);
    }

    private static Map<Character, Long> count(List<SegmentReport.Series> series,
                                              Function<SegmentReport.Series, Character> byClass) {
        return series.stream().collect(Collectors.groupingBy(byClass, TreeMap::new, Collectors.counting()));
    }
}
