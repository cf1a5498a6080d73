package io.stockflow.ingestion.intake;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.ingestion.dedup.LineClaims;
import io.stockflow.ingestion.dedup.LineClaims.Claim;
import io.stockflow.ingestion.dedup.LineClaims.LineRef;
import io.stockflow.ingestion.dedup.SeriesWatermarks;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.ingestion.publish.RejectedRecord;
import io.stockflow.ingestion.quality.ChunkStatistics;
import io.stockflow.ingestion.quality.ChunkStatistics.Outcome;
import io.stockflow.ingestion.quality.IngestionStatisticsRepository;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake pipeline, chunk by chunk: validate, claim each (transaction id, line number) once, publish the
 * claimed lines and wait for Kafka's acknowledgement, dead-letter the refused rows, then record statistics. A
 * line is reported accepted only after Kafka acknowledged it. Blocking by design: it runs on a bounded-elastic
 * worker that reads the request body as a stream, so a chunk's processing is the back-pressure on the upload.
 */
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final IngestionProperties properties;
    private final LineValidator validator;
    private final LineClaims claims;
    private final SeriesWatermarks watermarks;
    private final PosEventPublisher publisher;
    private final IngestionStatisticsRepository statistics;
    private final IngestionMetrics metrics;

    public IntakeService(IngestionProperties properties, LineValidator validator, LineClaims claims,
                         SeriesWatermarks watermarks, PosEventPublisher publisher,
                         IngestionStatisticsRepository statistics, IngestionMetrics metrics) {
        this.properties = properties;
        this.validator = validator;
        this.claims = claims;
        this.watermarks = watermarks;
        this.publisher = publisher;
        this.statistics = statistics;
        this.metrics = metrics;
    }

    /** What a streamed batch came to, and why it stopped early if it did. */
    public record BatchResult(IngestionReport report, UnreadableBodyException unreadable,
                              DependencyUnavailableException unavailable) {
    }

    public BatchResult ingest(BatchContext batch, RowReader reader) {
        IngestionReport.Tally tally = new IngestionReport.Tally(batch.batchId(), batch.format(),
                properties.maxReportedRows());
        List<ParsedRow> chunk = new ArrayList<>(properties.chunkRows());
        try {
            try {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    chunk.add(withDefaults(batch, row));
                    if (chunk.size() == properties.chunkRows()) {
                        tally.add(process(batch, chunk));
                        chunk.clear();
                    }
                }
            } catch (UnreadableBodyException e) {
                tally.add(process(batch, chunk)); // the rows read before the fault are processed as usual
                return new BatchResult(tally.report(), e, null);
            }
            tally.add(process(batch, chunk));
            return new BatchResult(tally.report(), null, null);
        } catch (DependencyUnavailableException e) {
            return new BatchResult(tally.report(), null, e);
        }
    }

    /** Fills the defaults of a row read from a batch and applies the validation rules. */
    ParsedRow withDefaults(BatchContext batch, ParsedRow row) {
        if (row.line() == null) {
            return row;
        }
        PosTransaction line = row.line().withDefaults(batch.assignedTransactionId(row.row()), 1,
                properties.defaultCurrency());
        if (!row.isValid()) {
            return ParsedRow.invalid(row.row(), row.raw(), line, row.violations());
        }
        return validated(row.row(), row.raw(), line);
    }

    ParsedRow validated(long rowNumber, String raw, PosTransaction line) {
        List<FieldViolation> violations = validator.validate(line);
        return violations.isEmpty() ? ParsedRow.valid(rowNumber, raw, line)
                : ParsedRow.invalid(rowNumber, raw, line, violations.stream().map(v -> v.atRow(rowNumber)).toList());
    }

    /**
     * Processes rows whose defaults are filled in.
     *
     * @throws DependencyUnavailableException when Kafka or Redis fails; the chunk's rows that Kafka had already
     *                                        acknowledged stay accepted and are counted
     */
    public List<RowOutcome> process(BatchContext batch, List<ParsedRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Timer.Sample timing = metrics.startChunk();
        List<ParsedRow> valid = rows.stream().filter(ParsedRow::isValid).toList();
        List<Claim> claimed = redis(() -> claims.claim(batch.batchId(), valid.stream().map(IntakeService::ref)
                .toList()));

        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        List<Integer> toPublish = new ArrayList<>();
        int v = 0;
        for (int i = 0; i < rows.size(); i++) {
            ParsedRow row = rows.get(i);
            if (!row.isValid()) {
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.REJECTED, row.violations(), false, false);
                continue;
            }
            Claim claim = claimed.get(v++);
            if (claim instanceof Claim.Claimed) {
                toPublish.add(i);
            } else if (claim instanceof Claim.AlreadyIngested) {
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.DUPLICATE, List.of(), false, false);
            } else if (claim instanceof Claim.RepeatedInBatch repeated) {
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.REJECTED, List.of(FieldViolation.of(null,
                        "duplicate_in_batch", "same transaction_id and line_number as row " + repeated.firstRow())
                        .atRow(row.row())), false, false);
            } else {
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.IN_FLIGHT, List.of(), false, false);
            }
        }

        List<Throwable> failures = publisher.publish(toPublish.stream().map(i -> rows.get(i).line()).toList());
        List<LineRef> acked = new ArrayList<>();
        List<LineRef> failed = new ArrayList<>();
        List<Integer> ackedIndexes = new ArrayList<>();
        for (int k = 0; k < toPublish.size(); k++) {
            LineRef ref = ref(rows.get(toPublish.get(k)));
            if (failures.get(k) == null) {
                acked.add(ref);
                ackedIndexes.add(toPublish.get(k));
            } else {
                failed.add(ref);
            }
        }
        redis(() -> {
            claims.confirm(batch.batchId(), acked);
            claims.release(batch.batchId(), failed);
            return null;
        });
        List<Boolean> outOfOrder = redis(() -> watermarks.advance(ackedIndexes.stream()
                .map(i -> new SeriesWatermarks.Observation(rows.get(i).line().seriesKey().toString(),
                        rows.get(i).line().transactionTimestamp())).toList()));
        Duration lateAfter = properties.lateAfter();
        for (int k = 0; k < ackedIndexes.size(); k++) {
            int i = ackedIndexes.get(k);
            boolean late = rows.get(i).line().transactionTimestamp().isBefore(batch.receivedAt().minus(lateAfter));
            outcomes[i] = new RowOutcome(rows.get(i), RowOutcome.Status.ACCEPTED, List.of(), late, outOfOrder.get(k));
        }

        List<RowOutcome> done = new ArrayList<>(rows.size());
        for (RowOutcome o : outcomes) {
            if (o != null) {
                done.add(o);
            }
        }
        Throwable dlqFailure = deadLetter(batch, done);
        record(batch, done);
        metrics.stopChunk(timing);
        if (!failed.isEmpty()) {
            throw new DependencyUnavailableException("kafka", failures.stream().filter(f -> f != null).findFirst()
                    .orElse(null));
        }
        if (dlqFailure != null) {
            throw new DependencyUnavailableException("kafka", dlqFailure);
        }
        return done;
    }

    /** Keeps a refused single transaction, whole, on the dead-letter topic. */
    public void rejectTransaction(BatchContext batch, String raw, List<FieldViolation> violations) {
        RejectedRecord record = new RejectedRecord(batch.batchId(), 0, batch.format(), violations.get(0).code(),
                violations, raw, null, batch.receivedAt(), batch.requestId());
        List<String> key = new ArrayList<>();
        key.add(null);
        Throwable failure = publisher.deadLetter(List.of(record), key);
        if (failure != null) {
            log.warn("could not dead-letter refused transaction {}", batch.batchId(), failure);
        }
        ChunkStatistics stats = new ChunkStatistics(batch.receivedAt());
        stats.count(null, Outcome.REJECTED, violations.get(0).code());
        metrics.record(stats);
        statistics.record(stats).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
    }

    private Throwable deadLetter(BatchContext batch, List<RowOutcome> outcomes) {
        List<RejectedRecord> rejected = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (RowOutcome o : outcomes) {
            if (o.status() == RowOutcome.Status.REJECTED) {
                ParsedRow row = o.row();
                rejected.add(new RejectedRecord(batch.batchId(), row.row(), batch.format(), o.violations().get(0)
                        .code(), o.violations(), row.raw(), batch.csvHeader(), batch.receivedAt(),
                        batch.requestId()));
                keys.add(seriesKeyOrNull(row.line()));
            }
        }
        return rejected.isEmpty() ? null : publisher.deadLetter(rejected, keys);
    }

    private void record(BatchContext batch, List<RowOutcome> outcomes) {
        ChunkStatistics stats = new ChunkStatistics(batch.receivedAt());
        for (RowOutcome o : outcomes) {
            PosTransaction line = o.row().line();
            String store = line == null ? null : line.storeId();
            switch (o.status()) {
                case ACCEPTED -> {
                    stats.count(store, Outcome.ACCEPTED, null);
                    stats.sold(line);
                    if (o.late()) {
                        stats.count(store, Outcome.LATE, null);
                    }
                    if (o.outOfOrder()) {
                        stats.count(store, Outcome.OUT_OF_ORDER, null);
                    }
                }
                case DUPLICATE -> stats.count(store, Outcome.DUPLICATE, "already_ingested");
                case IN_FLIGHT -> stats.count(store, Outcome.IN_FLIGHT, null);
                case REJECTED -> stats.count(store, Outcome.REJECTED, o.violations().get(0).code());
            }
        }
        metrics.record(stats);
        try {
            statistics.record(stats).block();
        } catch (RuntimeException e) {
            // The lines are on Kafka already; losing a statistics increment must not fail the request.
            metrics.statisticsWriteFailed();
            log.warn("could not record ingestion statistics of batch {}", batch.batchId(), e);
        }
    }

    private static String seriesKeyOrNull(PosTransaction line) {
        if (line == null || line.storeId() == null || line.productId() == null) {
            return null;
        }
        try {
            return line.seriesKey().toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LineRef ref(ParsedRow row) {
        return new LineRef(row.line().transactionId(), row.line().lineNumber(), row.row());
    }

    private static <T> T redis(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException("redis", e);
        }
    }
}
