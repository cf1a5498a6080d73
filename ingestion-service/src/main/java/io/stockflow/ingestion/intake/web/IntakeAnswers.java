package io.stockflow.ingestion.intake.web;

import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.ingestion.dedup.IdempotentRequests;
import io.stockflow.ingestion.intake.pipeline.BatchResult;
import io.stockflow.ingestion.intake.pipeline.DependencyUnavailableException;
import io.stockflow.ingestion.intake.pipeline.IngestionReport;
import io.stockflow.ingestion.intake.pipeline.RowOutcome;
import io.stockflow.ingestion.intake.pipeline.TransactionOutcome;
import io.stockflow.ingestion.intake.reading.UnreadableBodyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;

/**
 * Intake's HTTP answers to one request: a transaction's receipt and a batch's report as JSON, every refusal as
 * application/problem+json naming the request ({@code instance}, {@code request_id}).
 */
class IntakeAnswers implements IdempotentRequests.Answers<HttpAnswer> {

    private static final Logger log = LoggerFactory.getLogger(IntakeAnswers.class);

    private final RequestInfo request;
    private final JsonMapper json;

    IntakeAnswers(RequestInfo request, JsonMapper json) {
        this.request = request;
        this.json = json;
    }

    HttpAnswer transaction(TransactionOutcome outcome) {
        if (outcome instanceof TransactionOutcome.Invalid invalid) {
            return invalid(invalid.violations().size() + " invalid field(s); nothing of this transaction was recorded",
                    invalid.violations());
        }
        if (outcome instanceof TransactionOutcome.Unavailable unavailable) {
            return unavailable(unavailable.cause(), 0, null);
        }
        if (outcome instanceof TransactionOutcome.InFlight) {
            return problem(Problems.of(HttpStatus.CONFLICT, "in-flight", "Transaction is being recorded",
                    "another request is recording this transaction right now; retry in a moment"));
        }
        TransactionOutcome.Recorded recorded = (TransactionOutcome.Recorded) outcome;
        List<TransactionReceipt.LineReceipt> receipts = recorded.lines().stream()
                .map(o -> new TransactionReceipt.LineReceipt(o.row().line().lineNumber(),
                        o.status().name().toLowerCase(Locale.ROOT), o.row().line().eventId()))
                .toList();
        long accepted = recorded.lines().stream().filter(o -> o.status() == RowOutcome.Status.ACCEPTED).count();
        long duplicates = recorded.lines().stream().filter(o -> o.status() == RowOutcome.Status.DUPLICATE).count();
        TransactionReceipt receipt = new TransactionReceipt(recorded.transactionId(), accepted, duplicates,
                receipts);
        int status = accepted > 0 ? 201 : 200;
        return new HttpAnswer(status, HttpAnswer.JSON, json.writeValueAsString(receipt), null, false);
    }

    /** @param limit the batch size limit, named by a 413 */
    HttpAnswer batch(BatchResult result, long limit) {
        IngestionReport report = result.report();
        if (result.unavailable() != null) {
            return unavailable(result.unavailable(), report.accepted(), report.batchId());
        }
        if (result.unreadable() != null) {
            UnreadableBodyException stop = result.unreadable();
            if (stop.tooLarge()) {
                return tooLarge(limit, report);
            }
            ProblemDetail problem = Problems.invalidInput(stop.violation().message()
                    + (report.rows() > 0 ? "; the " + report.rows() + " rows before it were processed" : ""),
                    List.of(stop.violation()));
            problem.setProperty("report", report);
            return problem(problem);
        }
        if (report.rows() == 0) {
            return invalid("the batch has no rows", List.of(FieldViolation.of(null, "empty_batch",
                    "expected at least one row")));
        }
        if (report.accepted() + report.duplicates() + report.inFlight() == 0) {
            ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "batch-rejected",
                    "No row of the batch is valid",
                    "all " + report.rows() + " rows were rejected; they are listed with their reasons at "
                            + "/api/data/batches/" + report.batchId() + "/rejected");
            problem.setProperty(Problems.ERRORS, report.rejectedRows().stream()
                    .flatMap(issue -> issue.errors().stream()).toList());
            problem.setProperty("report", report);
            return problem(problem);
        }
        return new HttpAnswer(200, HttpAnswer.JSON, json.writeValueAsString(report), null, false);
    }

    /** A body that cannot be read from its start: a wrong CSV header, no JSON array, over the limit. */
    HttpAnswer unreadable(UnreadableBodyException e, long limit) {
        return e.tooLarge() ? tooLarge(limit, null) : invalid(e.violation().message(), List.of(e.violation()));
    }

    HttpAnswer invalid(String detail, List<FieldViolation> violations) {
        return problem(Problems.invalidInput(detail, violations));
    }

    /** @param report the rows processed before the limit, or null when none were read */
    HttpAnswer tooLarge(long limit, IngestionReport report) {
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "a batch may be at most " + limit + " bytes; split it"
                        + (report != null && report.rows() > 0 ? " (the " + report.rows()
                        + " rows before the limit were processed)" : ""));
        if (report != null) {
            problem.setProperty("report", report);
        }
        return problem(problem);
    }

    HttpAnswer transactionTooLarge(long maxKilobytes) {
        return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "a single transaction may be at most " + maxKilobytes
                        + " KB; send larger volumes to /api/data/pos/batch"));
    }

    /** @param batchId names the batch, whose record says the same; null for a transaction */
    private HttpAnswer unavailable(DependencyUnavailableException e, long acceptedBefore, String batchId) {
        log.warn("intake stopped: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                "Ingestion temporarily unavailable", e.dependency() + " is unavailable; "
                        + (acceptedBefore > 0 ? acceptedBefore + " rows were accepted before the failure and the rest "
                        + "were not; retrying the whole request is safe (accepted rows come back as duplicates)"
                        : "nothing was accepted; retry later"));
        problem.setProperty("accepted", acceptedBefore);
        if (batchId != null) {
            problem.setProperty("batch_id", batchId);
        }
        return problem(problem).retryingAfter("5");
    }

    @Override
    public HttpAnswer problem(ProblemDetail problem) {
        Problems.stamp(problem, request.path(), request.requestId());
        return new HttpAnswer(problem.getStatus(), HttpAnswer.PROBLEM_JSON, json.writeValueAsString(problem), null,
                false);
    }

    @Override
    public HttpAnswer replay(int status, String body) {
        return new HttpAnswer(status, status >= 400 ? HttpAnswer.PROBLEM_JSON : HttpAnswer.JSON, body, null, true);
    }
}
