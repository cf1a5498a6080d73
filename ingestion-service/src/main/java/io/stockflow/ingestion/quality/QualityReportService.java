package io.stockflow.ingestion.quality;

import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assembles the data quality report from the recorded statistics. */
public class QualityReportService {

    private final IngestionStatisticsRepository statistics;
    private final StatisticsBuffer pending;
    private final AnomalyDetector detector;

    public QualityReportService(IngestionStatisticsRepository statistics, StatisticsBuffer pending,
                                AnomalyDetector detector) {
        this.statistics = statistics;
        this.pending = pending;
        this.detector = detector;
    }

    public Mono<QualityReport> report(Instant from, Instant to, String storeId, int limit) {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        Mono<List<IngestionStatisticsRepository.OutcomeCount>> outcomes =
                statistics.outcomes(from, to, storeId).collectList();
        Mono<List<DailySales>> sales = statistics.dailySales(firstDay.minusDays(detector.baselineDays()), lastDay,
                storeId).collectList();
        return pending.flush().onErrorResume(e -> Mono.empty()).then(Mono.zip(outcomes, sales)).map(t -> {
            List<IngestionStatisticsRepository.OutcomeCount> counts = t.getT1();
            Map<String, Long> byOutcome = counts.stream().collect(Collectors.groupingBy(
                    IngestionStatisticsRepository.OutcomeCount::outcome,
                    Collectors.summingLong(IngestionStatisticsRepository.OutcomeCount::lines)));
            Function<String, Long> total = outcome -> byOutcome.getOrDefault(outcome, 0L);
            long accepted = total.apply("accepted");
            long rejected = total.apply("rejected");
            long received = accepted + rejected + total.apply("duplicate") + total.apply("in_flight");
            // the share of new lines that were valid: a retried line is neither, whatever the retries' number
            long judged = accepted + rejected;
            QualityReport.Totals totals = new QualityReport.Totals(received, accepted, rejected,
                    total.apply("duplicate"), total.apply("in_flight"), total.apply("late"),
                    total.apply("out_of_order"),
                    judged == 0 ? null : Math.round(10000.0 * accepted / judged) / 10000.0);
            Map<String, Long> rejectedByReason = counts.stream().filter(c -> c.outcome().equals("rejected"))
                    .collect(Collectors.groupingBy(IngestionStatisticsRepository.OutcomeCount::reason, TreeMap::new,
                            Collectors.summingLong(IngestionStatisticsRepository.OutcomeCount::lines)));
            List<QualityReport.StoreTotals> perStore = counts.stream()
                    .collect(Collectors.groupingBy(IngestionStatisticsRepository.OutcomeCount::storeId, TreeMap::new,
                            Collectors.toList()))
                    .entrySet().stream()
                    .map(e -> storeTotals(e.getKey(), e.getValue()))
                    .toList();
            List<DailySales> days = t.getT2();
            QualityReport.Anomalies anomalies = new QualityReport.Anomalies(detector.baselineDays(),
                    RobustZScore.OUTLIER_CUTOFF,
                    detector.priceOutliers(days, firstDay, lastDay).stream().limit(limit).toList(),
                    detector.quantitySpikes(days, firstDay, lastDay).stream().limit(limit).toList());
            return new QualityReport(from, to, storeId, totals, rejectedByReason, perStore, anomalies);
        });
    }

    private static QualityReport.StoreTotals storeTotals(String storeId,
                                                          List<IngestionStatisticsRepository.OutcomeCount> counts) {
        Map<String, Long> by = counts.stream().collect(Collectors.groupingBy(
                IngestionStatisticsRepository.OutcomeCount::outcome,
                Collectors.summingLong(IngestionStatisticsRepository.OutcomeCount::lines)));
        return new QualityReport.StoreTotals(storeId.isEmpty() ? null : storeId, by.getOrDefault("accepted", 0L),
                by.getOrDefault("rejected", 0L), by.getOrDefault("duplicate", 0L), by.getOrDefault("late", 0L),
                by.getOrDefault("out_of_order", 0L));
    }
}
