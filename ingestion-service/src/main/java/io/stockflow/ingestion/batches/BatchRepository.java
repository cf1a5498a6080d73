package io.stockflow.ingestion.batches;

import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.web.FieldViolation;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Batches and their refused rows in PostgreSQL (schema {@code ingestion}): the record of each batch's last attempt
 * ({@code ingestion_batch}) and every refused row of an attempt ({@code batch_rejected_row}), so that whoever sent
 * the batch can read what to fix. Refused rows are written a chunk at a time, their fields passed as arrays and
 * expanded with {@code unnest}: one round trip per chunk whatever its size.
 */
public class BatchRepository {

    private static final TypeReference<List<FieldViolation>> ERRORS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json = StockflowJson.mapper();

    public BatchRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A batch as recorded: its last attempt, and how many attempts were recorded under its id. */
    public record RecordedBatch(BatchRecord batch, int attempts) {
    }

    /** Records an attempt's answer; a later attempt at the same batch (a retry with its key) replaces it. */
    public Mono<Void> record(BatchRecord batch) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO ingestion.ingestion_batch AS b (batch_id, attempt_id, received_at, completed_at,
                            endpoint, format, http_status, rows_read, accepted, duplicates, rejected, in_flight,
                            rejected_by_reason, csv_header, request_id)
                        VALUES (:batchId, :attemptId, :receivedAt, :completedAt, :endpoint, :format, :status, :rows,
                                :accepted, :duplicates, :rejected, :inFlight, CAST(:byReason AS jsonb), :csvHeader,
                                :requestId)
                        ON CONFLICT (batch_id) DO UPDATE SET
                            attempt_id = EXCLUDED.attempt_id, received_at = EXCLUDED.received_at,
                            completed_at = EXCLUDED.completed_at, endpoint = EXCLUDED.endpoint,
                            format = EXCLUDED.format, http_status = EXCLUDED.http_status,
                            rows_read = EXCLUDED.rows_read, accepted = EXCLUDED.accepted,
                            duplicates = EXCLUDED.duplicates, rejected = EXCLUDED.rejected,
                            in_flight = EXCLUDED.in_flight, rejected_by_reason = EXCLUDED.rejected_by_reason,
                            csv_header = EXCLUDED.csv_header, request_id = EXCLUDED.request_id,
                            attempts = b.attempts + 1""")
                .bind("batchId", batch.batchId()).bind("attemptId", batch.attemptId())
                .bind("receivedAt", batch.receivedAt()).bind("completedAt", batch.completedAt())
                .bind("endpoint", batch.endpoint()).bind("format", batch.format())
                .bind("status", batch.httpStatus()).bind("rows", batch.rows()).bind("accepted", batch.accepted())
                .bind("duplicates", batch.duplicates()).bind("rejected", batch.rejected())
                .bind("inFlight", batch.inFlight())
                .bind("byReason", json.writeValueAsString(batch.rejectedByReason()))
                .bind("requestId", batch.requestId() == null ? "" : batch.requestId());
        insert = batch.csvHeader() == null ? insert.bindNull("csvHeader", String.class)
                : insert.bind("csvHeader", batch.csvHeader());
        return insert.then();
    }

    public Mono<RecordedBatch> find(String batchId) {
        return db.sql("""
                        SELECT batch_id, attempt_id, received_at, completed_at, endpoint, format, http_status,
                               rows_read, accepted, duplicates, rejected, in_flight,
                               CAST(rejected_by_reason AS text) AS rejected_by_reason, csv_header, request_id,
                               attempts
                        FROM ingestion.ingestion_batch WHERE batch_id = :batchId""")
                .bind("batchId", batchId)
                .map((row, meta) -> new RecordedBatch(new BatchRecord(row.get("batch_id", String.class),
                        row.get("attempt_id", UUID.class), row.get("received_at", Instant.class),
                        row.get("completed_at", Instant.class), row.get("endpoint", String.class),
                        row.get("format", String.class), row.get("http_status", Integer.class),
                        row.get("rows_read", Long.class), row.get("accepted", Long.class),
                        row.get("duplicates", Long.class), row.get("rejected", Long.class),
                        row.get("in_flight", Long.class),
                        json.readValue(row.get("rejected_by_reason", String.class), COUNTS),
                        row.get("csv_header", String.class), row.get("request_id", String.class)),
                        row.get("attempts", Integer.class)))
                .one();
    }

    /**
     * Keeps the refused rows of one chunk of an attempt (each row once: a second write of it changes nothing).
     *
     * @param receivedAt when the attempt began: the retention counts from it
     */
    public Mono<Void> keepRejectedRows(String batchId, UUID attemptId, Instant receivedAt, List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        int n = rows.size();
        Long[] numbers = new Long[n];
        String[] reasons = new String[n];
        String[] errors = new String[n];
        String[] originals = new String[n];
        for (int i = 0; i < n; i++) {
            RejectedRow row = rows.get(i);
            numbers[i] = row.row();
            reasons[i] = row.reason();
            errors[i] = json.writeValueAsString(row.errors());
            originals[i] = row.original();
        }
        return db.sql("""
                        INSERT INTO ingestion.batch_rejected_row (batch_id, attempt_id, row_number, reason, errors,
                            original, received_at)
                        SELECT $1::text, $2::uuid, r.row_number, r.reason, r.errors, r.original, $3::timestamptz
                        FROM unnest($4::bigint[], $5::text[], $6::text[]::jsonb[], $7::text[])
                             AS r(row_number, reason, errors, original)
                        ON CONFLICT (batch_id, attempt_id, row_number) DO NOTHING""")
                .bind(0, batchId).bind(1, attemptId).bind(2, receivedAt)
                .bind(3, numbers).bind(4, reasons).bind(5, errors).bind(6, originals)
                .then();
    }

    /** The refused rows of an attempt after row {@code afterRow}, in row order. */
    public Flux<RejectedRow> rejectedRows(String batchId, UUID attemptId, long afterRow, int limit) {
        return db.sql("""
                        SELECT row_number, reason, CAST(errors AS text) AS errors, original
                        FROM ingestion.batch_rejected_row
                        WHERE batch_id = $1 AND attempt_id = $2 AND row_number > $3
                        ORDER BY row_number LIMIT $4""")
                .bind(0, batchId).bind(1, attemptId).bind(2, afterRow).bind(3, limit)
                .map((row, meta) -> new RejectedRow(row.get("row_number", Long.class),
                        row.get("reason", String.class), json.readValue(row.get("errors", String.class), ERRORS),
                        row.get("original", String.class)))
                .all();
    }

    /** Removes at most {@code limit} refused rows of attempts begun before {@code cutoff}; @return how many. */
    public Mono<Long> forgetRejectedRowsBefore(Instant cutoff, int limit) {
        return db.sql("""
                        DELETE FROM ingestion.batch_rejected_row WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM ingestion.batch_rejected_row WHERE received_at < $1 LIMIT $2))""")
                .bind(0, cutoff).bind(1, limit)
                .fetch().rowsUpdated();
    }
}
