package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.web.FieldViolation;

import java.util.List;

/** A row that was not accepted, as listed in a batch response. */
public record RowIssue(long row, String transactionId, Integer lineNumber, String reason,
                       List<FieldViolation> errors) {
}
