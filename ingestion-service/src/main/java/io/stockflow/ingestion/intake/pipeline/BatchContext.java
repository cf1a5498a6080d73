package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.ingestion.intake.reading.RowReader;

import java.time.Instant;
import java.util.UUID;

/**
 * The request a chunk of rows belongs to.
 *
 * @param batchId   names the request; rows without a transaction id get {@code <batchId>-<row>}. A retry of the
 *                  request has the same one (see {@link #transaction} and {@link #idOf})
 * @param attemptId names this one run of the request, new for every retry: a line claimed under it earlier in
 *                  the same run is repeated within the request, a line claimed under another was ingested before
 * @param endpoint  {@value #TRANSACTION} or {@value #BATCH}
 * @param csvHeader the CSV header line, kept with dead-lettered CSV rows; null for JSON
 */
public record BatchContext(String batchId, UUID attemptId, String endpoint, String format, Instant receivedAt,
                           String requestId, String csvHeader) {

    public static final String TRANSACTION = "transaction";
    public static final String BATCH = "batch";

    /** A single transaction, named by its own transaction id, else by one derived as {@link #idOf} says. */
    static BatchContext transaction(String transactionId, Arrival arrival) {
        return new BatchContext(transactionId != null ? transactionId : "T-" + idOf(arrival), UUID.randomUUID(),
                TRANSACTION, "json", arrival.receivedAt(), arrival.requestId(), null);
    }

    static BatchContext batch(Arrival arrival, RowReader reader) {
        return new BatchContext(idOf(arrival), UUID.randomUUID(), BATCH, reader.format(), arrival.receivedAt(),
                arrival.requestId(), reader.headerLine());
    }

    /**
     * Derived from the request's Idempotency-Key, so that a retry after a lost answer assigns the same ids and
     * ingests nothing twice; a new one without a key.
     */
    private static String idOf(Arrival arrival) {
        return arrival.idempotencyKey() != null
                ? DeterministicUuid.of("idempotency-key:" + arrival.idempotencyKey()).toString()
                : UUID.randomUUID().toString();
    }

    String assignedTransactionId(long row) {
        return batchId + "-" + row;
    }
}
