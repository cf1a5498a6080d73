package io.stockflow.common.pos;

import io.stockflow.common.web.FieldViolation;

import java.time.Instant;
import java.util.List;

/**
 * What the dead-letter topic keeps of a refused row: the original text, why it was refused, and enough context
 * (batch, row, CSV header) to replay it after a fix.
 *
 * @param seriesKey {@code store_id|product_id} when the row named both (also the record's Kafka key), else null
 */
public record RejectedRecord(String batchId, long row, String format, String reason, List<FieldViolation> errors,
                             String payload, String csvHeader, Instant receivedAt, String requestId,
                             String seriesKey) {
}
