package io.stockflow.ingestion.intake;

import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.ingestion.dedup.LineClaims;
import io.stockflow.ingestion.dedup.LineClaims.Claim;
import io.stockflow.ingestion.dedup.LineClaims.LineRef;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.ingestion.quality.ChunkStatistics;
import io.stockflow.ingestion.quality.ChunkStatistics.Outcome;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;

/**
 * The intake pipeline, chunk by chunk: validate, claim each (transaction id, line number) once, publish the
 * claimed lines and wait for Kafka's acknowledgement, dead-letter the refused rows, then count statistics. A
 * line is reported accepted only after Kafka acknowledged it. Blocking by design: it runs on a bounded-elastic
 * worker that reads the request body as a stream, and at most {@value #MAX_CHUNKS_IN_FLIGHT} chunks of a request
 * await acknowledgement at once, which is the back-pressure on the upload.
 */
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    /** Chunks of one request sent to Kafka but not yet acknowledged; bounds memory per request. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 3;

    private final IngestionProperties properties;
    private final LineValidator validator;
    private final LineClaims claims;
    private final PosEventPublisher publisher;
    private final StatisticsBuffer statistics;
    private final Executor completions;
    private final IngestionMetrics metrics;

    public IntakeService(IngestionProperties properties, LineValidator validator, LineClaims claims,
                         PosEventPublisher publisher,
                         StatisticsBuffer statistics, IngestionMetrics metrics, Executor completions) {
        this.properties = properties;
        this.validator = validator;
        this.claims = claims;
        this.publisher = publisher;
        this.statistics = statistics;
        this.metrics = metrics;
        this.completions = completions;
    }

    /** What a streamed batch came to, and why it stopped early if it did. */
    public record BatchResult(IngestionReport report, Map<String, IngestionReport.StoreOutcomes> perStore,
                              UnreadableBodyException unreadable, DependencyUnavailableException unavailable) {
    }

    public BatchResult ingest(BatchContext batch, RowReader reader) {
        IngestionReport.Tally tally = new IngestionReport.Tally(batch.batchId(), batch.format(),
                properties.maxReportedRows());
        Deque<CompletableFuture<List<RowOutcome>>> inFlight = new ArrayDeque<>();
        List<ParsedRow> chunk = new ArrayList<>(properties.chunkRows());
        try {
            try {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    chunk.add(withDefaults(batch, row));
                    if (chunk.size() == properties.chunkRows()) {
                        pipeline(batch, chunk, inFlight, tally);
                        chunk = new ArrayList<>(properties.chunkRows());
                    }
                }
            } catch (UnreadableBodyException e) {
                pipeline(batch, chunk, inFlight, tally); // the rows read before the fault are processed as usual
                drain(inFlight, 0, tally);
                return new BatchResult(tally.report(), tally.perStore(), e, null);
            }
            pipeline(batch, chunk, inFlight, tally);
            drain(inFlight, 0, tally);
            return new BatchResult(tally.report(), tally.perStore(), null, null);
        } catch (DependencyUnavailableException e) {
            try {
                drain(inFlight, 0, tally); // chunks already sent still count for what Kafka acknowledged
            } catch (DependencyUnavailableException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            return new BatchResult(tally.report(), tally.perStore(), null, e);
        }
    }

    /**
     * Submits a chunk (claims and sends happen here, on the reading thread, so lines reach Kafka in request
     * order) and lets its completion (waiting for acknowledgements, confirming claims, statistics) overlap with
     * reading and submitting the next chunks.
     */
    private void pipeline(BatchContext batch, List<ParsedRow> chunk, Deque<CompletableFuture<List<RowOutcome>>>
            inFlight, IngestionReport.Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        Submitted submitted = submit(batch, chunk);
        inFlight.addLast(CompletableFuture.supplyAsync(() -> complete(batch, submitted), completions));
        drain(inFlight, MAX_CHUNKS_IN_FLIGHT - 1, tally);
    }

    private static void drain(Deque<CompletableFuture<List<RowOutcome>>> inFlight, int keep,
                              IngestionReport.Tally tally) {
        while (inFlight.size() > keep) {
            try {
                tally.add(inFlight.removeFirst().join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
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
            return ParsedRow.invalid(row.row(), row.originalText(), line, row.violations());
        }
        return validated(row.row(), row.originalText(), line);
    }

    ParsedRow validated(long rowNumber, Supplier<String> raw, PosTransaction line) {
        List<FieldViolation> violations = validator.validate(line);
        return violations.isEmpty() ? ParsedRow.valid(rowNumber, raw, line)
                : ParsedRow.invalid(rowNumber, raw, line, violations.stream().map(v -> v.atRow(rowNumber)).toList());
    }

    /**
     * Processes rows whose defaults are filled in, waiting for Kafka's acknowledgements.
     *
     * @throws DependencyUnavailableException when Kafka or Redis fails; the rows that Kafka had already
     *                                        acknowledged stay accepted and are counted
     */
    public List<RowOutcome> process(BatchContext batch, List<ParsedRow> rows) {
        return rows.isEmpty() ? List.of() : complete(batch, submit(batch, rows));
    }

    /** A chunk whose claimed lines were handed to the producer, with what is known of each row so far. */
    private record Submitted(List<ParsedRow> rows, RowOutcome[] outcomes, List<Integer> published,
                             List<CompletableFuture<?>> acks, Timer.Sample timing) {
    }

    private Submitted submit(BatchContext batch, List<ParsedRow> rows) {
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
            if (claim instanceof Claim.Claimed c) {
                toPublish.add(i);
                // provisional: it becomes accepted once Kafka acknowledges it (see complete)
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.ACCEPTED, List.of(), false, c.outOfOrder());
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
        List<PosTransaction> lines = toPublish.stream().map(i -> rows.get(i).line()).toList();
        List<CompletableFuture<?>> acks = publisher.send(lines);
        return new Submitted(rows, outcomes, toPublish, acks, timing);
    }

    private List<RowOutcome> complete(BatchContext batch, Submitted chunk) {
        List<ParsedRow> rows = chunk.rows();
        RowOutcome[] outcomes = chunk.outcomes();
        List<Throwable> failures = EventPublisher.await(chunk.acks());
        List<LineRef> acked = new ArrayList<>();
        List<LineRef> failed = new ArrayList<>();
        Duration lateAfter = properties.lateAfter();
        for (int k = 0; k < chunk.published().size(); k++) {
            int i = chunk.published().get(k);
            ParsedRow row = rows.get(i);
            if (failures.get(k) == null) {
                acked.add(ref(row));
                boolean late = row.line().transactionTimestamp().isBefore(batch.receivedAt().minus(lateAfter));
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.ACCEPTED, List.of(), late,
                        outcomes[i].outOfOrder());
            } else {
                failed.add(ref(row));
                outcomes[i] = null; // not accepted: the request fails with 503 for it
            }
        }
        redis(() -> {
            claims.confirm(batch.batchId(), acked);
            claims.release(batch.batchId(), failed);
            return null;
        });
        List<RowOutcome> done = new ArrayList<>(rows.size());
        for (RowOutcome o : outcomes) {
            if (o != null) {
                done.add(o);
            }
        }
        Throwable dlqFailure = deadLetter(batch, done);
        record(batch, done);
        metrics.stopChunk(chunk.timing());
        if (!failed.isEmpty()) {
            throw new DependencyUnavailableException("kafka", failures.stream().filter(f -> f != null).findFirst()
                    .orElse(null));
        }
        if (dlqFailure != null) {
            throw new DependencyUnavailableException("kafka", dlqFailure);
        }
        return done;
    }

    /**
     * Publishes a {@code data.quality.alert} for every store of the batch whose refused share crossed the
     * thresholds. Best effort: the batch's answer does not depend on it.
     */
    void raiseQualityAlerts(BatchContext batch, Map<String, IngestionReport.StoreOutcomes> perStore) {
        List<DataQualityAlert> alerts = new ArrayList<>();
        perStore.forEach((store, outcomes) -> {
            double share = (double) outcomes.rejected / outcomes.rows;
            if (outcomes.rejected >= properties.alertMinRejected() && share >= properties.alertRejectedShare()) {
                alerts.add(new DataQualityAlert(store, batch.batchId(), batch.receivedAt(), outcomes.rows,
                        outcomes.rejected, Math.round(share * 10000) / 10000.0, outcomes.rejectedByReason,
                        share >= 0.5 ? "critical" : "warning"));
            }
        });
        Throwable failure = publisher.qualityAlerts(alerts);
        if (failure != null) {
            log.warn("could not publish data quality alerts of batch {}", batch.batchId(), failure);
        }
    }

    /** Keeps a refused single transaction, whole, on the dead-letter topic. */
    public void rejectTransaction(BatchContext batch, String raw, List<FieldViolation> violations) {
        RejectedRecord record = new RejectedRecord(batch.batchId(), 0, batch.format(), violations.get(0).code(),
                violations, raw, null, batch.receivedAt(), batch.requestId(), null);
        Throwable failure = publisher.deadLetter(List.of(record));
        if (failure != null) {
            log.warn("could not dead-letter refused transaction {}", batch.batchId(), failure);
        }
        ChunkStatistics stats = new ChunkStatistics(batch.receivedAt());
        stats.count(null, Outcome.REJECTED, violations.get(0).code());
        metrics.record(stats);
        statistics.add(stats);
    }

    private Throwable deadLetter(BatchContext batch, List<RowOutcome> outcomes) {
        List<RejectedRecord> rejected = new ArrayList<>();
        for (RowOutcome o : outcomes) {
            if (o.status() == RowOutcome.Status.REJECTED) {
                ParsedRow row = o.row();
                rejected.add(new RejectedRecord(batch.batchId(), row.row(), batch.format(), o.violations().get(0)
                        .code(), o.violations(), row.raw(), batch.csvHeader(), batch.receivedAt(),
                        batch.requestId(), seriesKeyOrNull(row.line())));
            }
        }
        return rejected.isEmpty() ? null : publisher.deadLetter(rejected);
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
        statistics.add(stats);
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
        PosTransaction line = row.line();
        return new LineRef(line.transactionId(), line.lineNumber(), row.row(), line.seriesKey().toString(),
                line.transactionTimestamp());
    }

    private static <T> T redis(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException("redis", e);
        }
    }
}
