package io.stockflow.forecasting.demand;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code GET /api/ml/demand/{store_id}/{product_id}}: the daily demand the models learn from. */
@RestController
class DemandController {

    private static final long MAX_DAYS = 3 * 366;

    private final DemandRepository demand;

    DemandController(DemandRepository demand) {
        this.demand = demand;
    }

    @GetMapping("/api/ml/demand/{storeId}/{productId}")
    Flux<DemandDay> days(@PathVariable String storeId, @PathVariable String productId,
                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!storeId.matches(PosTransaction.ID_PATTERN) || !productId.matches(PosTransaction.ID_PATTERN)) {
            throw new ApiProblemException(Problems.invalidInput("invalid series id", List.of(FieldViolation.of(
                    "store_id", "invalid_id", "ids may contain only letters, digits, '.', '_', ':' and '-'"))));
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new ApiProblemException(Problems.invalidInput("invalid date range", List.of(FieldViolation.of(
                    "to", "invalid_range", "to must not precede from, and the range may cover at most "
                            + MAX_DAYS + " days"))));
        }
        return demand.days(new SeriesKey(storeId, productId), from, to);
    }
}
