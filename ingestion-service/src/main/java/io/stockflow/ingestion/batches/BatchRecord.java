package io.stockflow.ingestion.batches;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One attempt at a batch as answered: its counts, why rows were refused, and what reading its refused rows back
 * needs. Recorded when the attempt answers; a retry with the same batch id replaces it.
 *
 * @param attemptId names the attempt whose refused rows were kept (see {@link BatchRepository#keepRejectedRows})
 * @param csvHeader the upload's CSV header line; null for JSON
 */
public record BatchRecord(String batchId, UUID attemptId, Instant receivedAt, Instant completedAt, String endpoint,
                          String format, int httpStatus, long rows, long accepted, long duplicates, long rejected,
                          long inFlight, Map<String, Long> rejectedByReason, String csvHeader, String requestId) {
}
