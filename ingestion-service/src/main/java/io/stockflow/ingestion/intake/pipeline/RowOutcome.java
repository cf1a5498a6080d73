package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.web.FieldViolation;
import io.stockflow.ingestion.intake.reading.ParsedRow;

import java.util.List;

/** What became of one row. {@code late} and {@code outOfOrder} qualify accepted rows only. */
public record RowOutcome(ParsedRow row, Status status, List<FieldViolation> violations, boolean late,
                         boolean outOfOrder) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED, IN_FLIGHT }

    RowIssue issue() {
        String reason = status == Status.DUPLICATE ? "already_ingested"
                : status == Status.IN_FLIGHT ? "in_flight" : violations.get(0).code();
        return new RowIssue(row.row(), row.line() == null ? null : row.line().transactionId(),
                row.line() == null ? null : row.line().lineNumber(), reason, violations);
    }
}
