package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.ingestion.intake.reading.RowReader;

import java.time.Instant;
import java.util.UUID;

/**
 * The request a chunk of rows belongs to.
 *
 * @param batchId   names the request; rows without a transaction id get {@code <batchId>-<row>}
 * @param endpoint  {@value #TRANSACTION} or {@value #BATCH}
 * @param csvHeader the CSV header line, kept with dead-lettered CSV rows; null for JSON
 */
public record BatchContext(String batchId, String endpoint, String format, Instant receivedAt, String requestId,
                           String csvHeader) {

    public static final String TRANSACTION = "transaction";
    public static final String BATCH = "batch";

    /** A single transaction, named by its own transaction id, else by one derived as {@link #idOf} says. */
    static BatchContext transaction(String transactionId, Arrival arrival) {
        return new BatchContext(transactionId != null ? transactionId : "T-" + idOf(arrival), TRANSACTION, "json",
                arrival.receivedAt(), arrival.requestId(), null);
    }

    static BatchContext batch(Arrival arrival, RowReader reader) {
        return new BatchContext(idOf(arrival), BATCH, reader.format(), arrival.receivedAt(), arrival.requestId(),
                reader.headerLine());
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
