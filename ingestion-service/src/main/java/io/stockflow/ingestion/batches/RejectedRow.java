package io.stockflow.ingestion.batches;

import io.stockflow.common.web.FieldViolation;

import java.util.List;

/**
 * A refused row of a batch, as kept for whoever must fix it.
 *
 * @param row      1-based: data rows of a CSV (the header not counted), elements of a JSON array
 * @param reason   the first error's code, the one the row is counted under
 * @param original the row as sent: a CSV line (without the header) or a JSON element
 */
public record RejectedRow(long row, String reason, List<FieldViolation> errors, String original) {
}
