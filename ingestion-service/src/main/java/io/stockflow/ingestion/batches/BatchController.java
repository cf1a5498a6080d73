package io.stockflow.ingestion.batches;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What became of a batch, and its refused rows: as JSON, or for a CSV upload as CSV with the upload's header, to
 * be fixed and posted again. Pages follow {@code next_after} (and the {@code Link: rel="next"} header).
 */
@RestController
@RequestMapping("/api/data/batches/{batchId}")
class BatchController {

    static final int MAX_PAGE = 1_000;
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final BatchReports reports;

    BatchController(BatchReports reports) {
        this.reports = reports;
    }

    @GetMapping
    Mono<BatchView> batch(@PathVariable String batchId) {
        return reports.batch(batchId);
    }

    @GetMapping("/rejected")
    Mono<ResponseEntity<Object>> rejected(@PathVariable String batchId,
                                          @RequestParam(defaultValue = "0") long after,
                                          @RequestParam(defaultValue = "100") int limit,
                                          ServerHttpRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        if (after < 0) {
            errors.add(FieldViolation.of("after", "out_of_range", "after is a row number, 0 or more"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add(FieldViolation.of("limit", "out_of_range", "limit must be between 1 and " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid page", errors));
        }
        boolean csv = wantsCsv(request.getHeaders());
        return reports.rejectedRows(batchId, after, limit).map(page -> {
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
            if (page.nextAfter() != null) {
                answer.header(HttpHeaders.LINK, "<" + UriComponentsBuilder.fromPath(request.getPath().value())
                        .queryParam("after", page.nextAfter()).queryParam("limit", limit).build()
                        .toUriString() + ">; rel=\"next\"");
            }
            if (!csv) {
                return answer.contentType(MediaType.APPLICATION_JSON).<Object>body(page);
            }
            if (page.csvHeader() == null) {
                throw new ApiProblemException(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                        "batch " + batchId + " was uploaded as " + page.format() + "; its refused rows are "
                                + "available as application/json"));
            }
            return answer.contentType(CSV).<Object>body(page.toCsv());
        });
    }

    /** Whether the client prefers CSV to JSON (no Accept, or a wildcard, means JSON). */
    private static boolean wantsCsv(HttpHeaders headers) {
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(headers.getAccept());
        } catch (InvalidMediaTypeException e) {
            throw new ApiProblemException(Problems.invalidInput("invalid Accept header",
                    List.of(FieldViolation.of(HttpHeaders.ACCEPT, "invalid_format", e.getMessage()))));
        }
        if (accepted.isEmpty()) {
            return false;
        }
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) { // */* and application/* too
                return false;
            }
            if (type.isCompatibleWith(CSV)) {
                return true;
            }
        }
        throw new ApiProblemException(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                "refused rows are available as application/json, and for CSV uploads as text/csv"));
    }
}
