package io.stockflow.ingestion.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Limits and rules of ingestion ({@code stockflow.ingestion.*}).
 *
 * @param defaultCurrency     currency of lines that name none
 * @param maxBatchSize        largest batch body; larger ones get 413 (bodies are streamed, never held in memory)
 * @param maxTransactionSize  largest single-transaction body
 * @param maxRowSize          longest row of a batch (a CSV record, a JSON array element); a longer one is refused
 *                            as {@code row_too_large} and the body reads on: what bounds a batch's memory
 * @param chunkRows           rows validated, de-duplicated and published together
 * @param maxReportedRows     rejected/duplicate rows listed in a batch response (all of them go to the DLQ)
 * @param maxFutureSkew       how far past the server clock a transaction timestamp may lie
 * @param maxAge              how old a transaction may be (history imports included)
 * @param lateAfter           a line older than this when it arrives is counted as late
 * @param maxUnitPrice        prices above this are refused as absurd
 * @param maxAbsQuantity      quantities beyond this (either sign) are refused as absurd
 * @param dedupRetention      how long (transaction id, line number) pairs are remembered as already ingested
 * @param idempotencyRetention how long an Idempotency-Key's first response is replayed
 * @param rejectedRowRetention how long a batch's refused rows are kept for {@code /api/data/batches/{id}/rejected}
 * @param alertRejectedShare  a batch refusing at least this share of a store's rows raises a data quality alert
 * @param alertMinRejected    ... provided it refused at least this many of them
 */
@ConfigurationProperties("stockflow.ingestion")
public record IngestionProperties(
        String defaultCurrency,
        DataSize maxBatchSize,
        DataSize maxTransactionSize,
        DataSize maxRowSize,
        int chunkRows,
        int maxReportedRows,
        Duration maxFutureSkew,
        Duration maxAge,
        Duration lateAfter,
        BigDecimal maxUnitPrice,
        BigDecimal maxAbsQuantity,
        Duration dedupRetention,
        Duration idempotencyRetention,
        Duration rejectedRowRetention,
        double alertRejectedShare,
        long alertMinRejected) {

    /** The default {@link #maxRowSize}. */
    public static final DataSize DEFAULT_MAX_ROW_SIZE = DataSize.ofKilobytes(64);

    public IngestionProperties {
        if (maxRowSize == null) {
            maxRowSize = DEFAULT_MAX_ROW_SIZE;
        }
        if (maxRowSize.toBytes() < 256 || maxRowSize.toBytes() > DataSize.ofMegabytes(64).toBytes()) {
            throw new IllegalArgumentException("stockflow.ingestion.max-row-size must lie between 256B and 64MB, not "
                    + maxRowSize);
        }
    }
}
