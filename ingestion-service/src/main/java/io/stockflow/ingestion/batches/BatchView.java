package io.stockflow.ingestion.batches;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/data/batches/{batch_id}}: what became of a batch, as its last attempt answered.
 *
 * @param status                 {@value #COMPLETED} (read to its end: 200), {@value #REJECTED} (no valid row: 422)
 *                               or {@value #INCOMPLETE} (stopped midway: 400 unreadable body, 413 over the size
 *                               limit, 503 Kafka, Redis or PostgreSQL down; the rows before were processed)
 * @param attempts               how many attempts were recorded under this id (a keyed batch retried)
 * @param rows                   rows received, of which {@code accepted + duplicates + rejected + inFlight}
 * @param rejectedRowsKeptUntil  when the refused rows will be removed
 */
public record BatchView(String batchId, String status, int httpStatus, String format, Instant receivedAt,
                        Instant completedAt, int attempts, long rows, long accepted, long duplicates, long rejected,
                        long inFlight, Map<String, Long> rejectedByReason, Instant rejectedRowsKeptUntil) {

    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final String INCOMPLETE = "incomplete";

    static BatchView of(BatchRepository.RecordedBatch recorded, Instant rejectedRowsKeptUntil) {
        BatchRecord b = recorded.batch();
        String status = switch (b.httpStatus()) {
            case 200 -> COMPLETED;
            case 422 -> REJECTED;
            default -> INCOMPLETE;
        };
        return new BatchView(b.batchId(), status, b.httpStatus(), b.format(), b.receivedAt(), b.completedAt(),
                recorded.attempts(), b.rows(), b.accepted(), b.duplicates(), b.rejected(), b.inFlight(),
                b.rejectedByReason(), rejectedRowsKeptUntil);
    }
}
