package io.stockflow.ingestion.quality;

import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/data/quality}: the data quality report over a window (default: the last 24 hours). */
@RestController
class QualityController {

    private static final Duration MAX_WINDOW = Duration.ofDays(92);

    private final QualityReportService reports;
    private final Clock clock;

    QualityController(QualityReportService reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/data/quality")
    Mono<QualityReport> quality(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(name = "store_id", required = false) String storeId,
            @RequestParam(defaultValue = "50") int limit) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        List<FieldViolation> errors = new ArrayList<>();
        if (!start.isBefore(end)) {
            errors.add(FieldViolation.of("from", "invalid_window", "from must be before to"));
        } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            errors.add(FieldViolation.of("to", "invalid_window", "the window may span at most 92 days"));
        }
        if (limit < 1 || limit > 1000) {
            errors.add(FieldViolation.of("limit", "out_of_range", "limit must be between 1 and 1000"));
        }
        if (!errors.isEmpty()) {
            throw new io.stockflow.common.web.ApiProblemException(Problems.invalidInput("invalid report window",
                    errors));
        }
        return reports.report(start, end, storeId, limit);
    }
}
