package io.stockflow.ingestion.intake;

import java.time.Instant;

/**
 * The request a chunk of rows belongs to.
 *
 * @param batchId   names the request; rows without a transaction id get {@code <batchId>-<row>}
 * @param csvHeader the CSV header line, kept with dead-lettered CSV rows; null for JSON
 */
public record BatchContext(String batchId, String endpoint, String format, Instant receivedAt, String requestId,
                           String csvHeader) {

    public String assignedTransactionId(long row) {
        return batchId + "-" + row;
    }

    public BatchContext withCsvHeader(String header) {
        return new BatchContext(batchId, endpoint, format, receivedAt, requestId, header);
    }
}
