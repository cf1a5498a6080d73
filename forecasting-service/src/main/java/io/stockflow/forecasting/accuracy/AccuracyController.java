package io.stockflow.forecasting.accuracy;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.model.DemandPattern;
import io.stockflow.forecasting.training.ModelRegistry;
import io.stockflow.forecasting.training.ModelVersion;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/ml/analytics/accuracy}: how well each model forecasts, in backtests and live. */
@RestController
class AccuracyController {

    private static final List<String> SEGMENTS = Arrays.stream(DemandPattern.values())
            .map(pattern -> pattern.name().toLowerCase(Locale.ROOT)).toList();

    private final AccuracyRepository accuracy;
    private final ModelRegistry registry;
    private final DemandCalendar calendar;

    AccuracyController(AccuracyRepository accuracy, ModelRegistry registry, DemandCalendar calendar) {
        this.accuracy = accuracy;
        this.registry = registry;
        this.calendar = calendar;
    }

    private static boolean validSegment(AccuracyRepository.SegmentBy by, String segment) {
        return switch (by) {
            case DEMAND_PATTERN -> SEGMENTS.contains(segment);
            case ABC -> segment.matches("[ABC]");
            case XYZ -> segment.matches("[XYZ]");
            case CLUSTER -> segment.matches("\\d{1,2}");
        };
    }

    @GetMapping("/api/ml/analytics/accuracy")
    Mono<AccuracyReport> accuracy(@RequestParam(name = "model_version", required = false) Long modelVersion,
                                  @RequestParam(name = "store_id", required = false) String storeId,
                                  @RequestParam(name = "product_id", required = false) String productId,
                                  @RequestParam(name = "segment_by", defaultValue = "demand_pattern")
                                  String segmentBy,
                                  @RequestParam(required = false) String segment,
                                  @RequestParam(defaultValue = "100") int limit) {
        List<FieldViolation> errors = new ArrayList<>();
        AccuracyRepository.SegmentBy by = Arrays.stream(AccuracyRepository.SegmentBy.values())
                .filter(value -> value.name().equalsIgnoreCase(segmentBy)).findFirst().orElse(null);
        if (by == null) {
            errors.add(FieldViolation.of("segment_by", "unknown_segmentation", "segment_by must be one of "
                    + Arrays.stream(AccuracyRepository.SegmentBy.values())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).toList()));
        } else if (segment != null && !validSegment(by, segment)) {
            errors.add(FieldViolation.of("segment", "unknown_segment", "segment must be " + switch (by) {
                case DEMAND_PATTERN -> "one of " + SEGMENTS;
                case ABC -> "A, B or C";
                case XYZ -> "X, Y or Z";
                case CLUSTER -> "a cluster number from 0";
            }));
        }
        if (limit < 1 || limit > 10_000) {
            errors.add(FieldViolation.of("limit", "out_of_range", "limit must be between 1 and 10000"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid accuracy query", errors));
        }
        Mono<ModelVersion> version = modelVersion == null
                ? registry.latestSucceeded().switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                        "no-trained-model", "No trained model", "No training run has finished yet: start one with"
                                + " POST /api/ml/models/train")))
                : registry.get(modelVersion).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                        "unknown-model-version", "Unknown model version", "No model version " + modelVersion
                                + " is registered")));
        return version.flatMap(found -> {
            long id = found.version();
            LocalDate through = calendar.yesterday();
            return Mono.zip(
                    accuracy.backtest(id, storeId, productId, by, segment, AccuracyRepository.Grouping.MODEL, limit)
                            .collectList(),
                    accuracy.backtest(id, storeId, productId, by, segment, AccuracyRepository.Grouping.SEGMENT, limit)
                            .collectList(),
                    accuracy.backtest(id, storeId, productId, by, segment, AccuracyRepository.Grouping.SERIES, limit)
                            .collectList(),
                    accuracy.live(id, through, storeId, productId, by, segment, AccuracyRepository.Grouping.MODEL,
                            limit).collectList(),
                    accuracy.live(id, through, storeId, productId, by, segment,
                            AccuracyRepository.Grouping.SEGMENT, limit).collectList(),
                    accuracy.live(id, through, storeId, productId, by, segment, AccuracyRepository.Grouping.SERIES,
                            limit).collectList())
                    .map(rows -> new AccuracyReport(id, through, by.name().toLowerCase(Locale.ROOT),
                            new AccuracyReport.Section(rows.getT1(), rows.getT2(), rows.getT3()),
                            new AccuracyReport.Section(rows.getT4(), rows.getT5(), rows.getT6())));
        });
    }
}
