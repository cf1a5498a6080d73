package io.stockflow.ingestion.intake.pipeline;

import io.micrometer.core.instrument.Timer;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.ingestion.dedup.LineClaims;
import io.stockflow.ingestion.dedup.LineClaims.Claim;
import io.stockflow.ingestion.dedup.LineClaims.LineRef;
import io.stockflow.ingestion.intake.reading.ParsedRow;
import io.stockflow.ingestion.intake.reading.RowReader;
import io.stockflow.ingestion.intake.reading.UnreadableBodyException;
import io.stockflow.ingestion.publish.PosEventPublisher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The intake pipeline, the one way in for rows of either endpoint: fill in each line's defaults and validate it,
 * claim each (transaction id, line number) once, publish the claimed lines and wait for Kafka's acknowledgement,
 * keep the refused rows, then count statistics. A line some earlier request ingested (a retry of this one
 * included) is a duplicate: neither refused nor counted against the data's quality. A line is reported accepted
 * only after Kafka acknowledged it. Blocking by design: it runs on a bounded-elastic worker that reads the request
 * body as a stream, and at most {@value #MAX_CHUNKS_IN_FLIGHT} chunks of a request await acknowledgement at once,
 * which is the back-pressure on the upload.
 */
public class IntakePipeline {

    /** Chunks of one request sent to Kafka but not yet acknowledged; bounds memory per request. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 3;

    private final LineValidator validator;
    private final LineClaims claims;
    private final PosEventPublisher publisher;
    private final OutcomeRecorder recorder;
    private final IngestionMetrics metrics;
    private final Executor completions;
    private final String defaultCurrency;
    private final int chunkRows;
    private final int maxReportedRows;
    private final Duration lateAfter;

    IntakePipeline(LineValidator validator, LineClaims claims, PosEventPublisher publisher, OutcomeRecorder recorder,
                   IngestionMetrics metrics, Executor completions, String defaultCurrency, int chunkRows,
                   int maxReportedRows, Duration lateAfter) {
        this.validator = validator;
        this.claims = claims;
        this.publisher = publisher;
        this.recorder = recorder;
        this.metrics = metrics;
        this.completions = completions;
        this.defaultCurrency = defaultCurrency;
        this.chunkRows = chunkRows;
        this.maxReportedRows = maxReportedRows;
        this.lateAfter = lateAfter;
    }

    // ---- single transaction ------------------------------------------------------------------------------------

    /**
     * Records a transaction whole or not at all: every line valid and no line number twice, else nothing is
     * published and the transaction goes whole to the dead-letter topic.
     *
     * @param lines  at least one, as read (defaults not yet filled in)
     * @param basket whether the lines came as a basket's {@code lines}: violations then name {@code lines[i].field}
     * @param raw    the body, for the dead-letter topic
     */
    public TransactionOutcome transaction(Arrival arrival, List<PosTransaction> lines, boolean basket, String raw) {
        BatchContext batch = BatchContext.transaction(lines.get(0).transactionId(), arrival);
        List<ParsedRow> rows = new ArrayList<>(lines.size());
        List<FieldViolation> violations = new ArrayList<>();
        Set<Integer> lineNumbers = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            ParsedRow row = prepare(ParsedRow.valid(i + 1, () -> raw, lines.get(i)), batch.batchId(), i + 1);
            String prefix = basket ? "lines[" + i + "]." : "";
            row.violations().forEach(v -> violations.add(new FieldViolation(null,
                    v.field() == null ? null : prefix + v.field(), v.code(), v.message())));
            if (!lineNumbers.add(row.line().lineNumber())) {
                violations.add(FieldViolation.of(prefix + "line_number", "duplicate_line_number",
                        "line number " + row.line().lineNumber() + " appears twice in the transaction"));
            }
            rows.add(row);
        }
        if (!violations.isEmpty()) {
            recorder.rejectTransaction(batch, raw, violations);
            return new TransactionOutcome.Invalid(violations);
        }
        Completed completed;
        try {
            completed = complete(batch, submit(batch, rows));
        } catch (DependencyUnavailableException e) {
            return new TransactionOutcome.Unavailable(e);
        }
        if (completed.failure() != null) {
            return new TransactionOutcome.Unavailable(completed.failure());
        }
        List<RowOutcome> outcomes = completed.outcomes();
        if (outcomes.stream().anyMatch(o -> o.status() == RowOutcome.Status.IN_FLIGHT)) {
            return new TransactionOutcome.InFlight();
        }
        return new TransactionOutcome.Recorded(batch.batchId(), outcomes);
    }

    // ---- batch -------------------------------------------------------------------------------------------------

    /**
     * Reads, processes and reports a batch chunk by chunk; rows read before the body turned unreadable, or before
     * Kafka, Redis or PostgreSQL failed, count as usual. A batch that ran to its end raises its data quality alerts.
     */
    public BatchResult batch(Arrival arrival, RowReader reader) {
        BatchContext batch = BatchContext.batch(arrival, reader);
        IngestionReport.Tally tally = new IngestionReport.Tally(batch.batchId(), batch.format(), maxReportedRows);
        BatchResult result = ingest(batch, reader, tally);
        if (result.unavailable() == null) {
            recorder.raiseQualityAlerts(batch, tally.perStore());
        }
        return result;
    }

    private BatchResult ingest(BatchContext batch, RowReader reader, IngestionReport.Tally tally) {
        Deque<CompletableFuture<Completed>> inFlight = new ArrayDeque<>();
        List<ParsedRow> chunk = new ArrayList<>(chunkRows);
        try {
            try {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    chunk.add(row.line() == null ? row
                            : prepare(row, batch.assignedTransactionId(row.row()), 1));
                    if (chunk.size() == chunkRows) {
                        pipeline(batch, chunk, inFlight, tally);
                        chunk = new ArrayList<>(chunkRows);
                    }
                }
            } catch (UnreadableBodyException e) {
                pipeline(batch, chunk, inFlight, tally); // the rows read before the fault are processed as usual
                drain(inFlight, 0, tally);
                return new BatchResult(batch, tally.report(), e, null);
            }
            pipeline(batch, chunk, inFlight, tally);
            drain(inFlight, 0, tally);
            return new BatchResult(batch, tally.report(), null, null);
        } catch (DependencyUnavailableException e) {
            try {
                drain(inFlight, 0, tally); // chunks already sent still count for what Kafka acknowledged
            } catch (DependencyUnavailableException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            return new BatchResult(batch, tally.report(), null, e);
        }
    }

    /**
     * Submits a chunk (claims and sends happen here, on the reading thread, so lines reach Kafka in request
     * order) and lets its completion (waiting for acknowledgements, confirming claims, statistics) overlap with
     * reading and submitting the next chunks.
     */
    private void pipeline(BatchContext batch, List<ParsedRow> chunk, Deque<CompletableFuture<Completed>> inFlight,
                          IngestionReport.Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        Submitted submitted = submit(batch, chunk);
        inFlight.addLast(CompletableFuture.supplyAsync(() -> complete(batch, submitted), completions));
        drain(inFlight, MAX_CHUNKS_IN_FLIGHT - 1, tally);
    }

    private static void drain(Deque<CompletableFuture<Completed>> inFlight, int keep, IngestionReport.Tally tally) {
        while (inFlight.size() > keep) {
            try {
                Completed completed = inFlight.removeFirst().join();
                tally.add(completed.outcomes()); // what Kafka acknowledged counts even when the chunk then failed
                if (completed.failure() != null) {
                    throw completed.failure();
                }
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    // ---- every row ---------------------------------------------------------------------------------------------

    /**
     * Fills in the defaults of a row's line, then applies the validation rules unless the reader already refused
     * the row (its reasons stand, its line gets the defaults all the same).
     */
    private ParsedRow prepare(ParsedRow row, String defaultTransactionId, int defaultLineNumber) {
        PosTransaction line = row.line().withDefaults(defaultTransactionId, defaultLineNumber, defaultCurrency);
        if (!row.isValid()) {
            return ParsedRow.invalid(row.row(), row.originalText(), line, row.violations());
        }
        List<FieldViolation> violations = validator.validate(line);
        return violations.isEmpty() ? ParsedRow.valid(row.row(), row.originalText(), line)
                : ParsedRow.invalid(row.row(), row.originalText(), line,
                violations.stream().map(v -> v.atRow(row.row())).toList());
    }

    /**
     * What became of a chunk's rows, and the failure that stops the request after it, if any.
     *
     * @param outcomes the rows that were decided: not those Kafka failed to acknowledge
     */
    private record Completed(List<RowOutcome> outcomes, DependencyUnavailableException failure) {
    }

    /** A chunk whose claimed lines were handed to the producer, with what is known of each row so far. */
    private record Submitted(List<ParsedRow> rows, RowOutcome[] outcomes, List<Integer> published,
                             List<CompletableFuture<?>> acks, Timer.Sample timing) {
    }

    private Submitted submit(BatchContext batch, List<ParsedRow> rows) {
        Timer.Sample timing = metrics.startChunk();
        List<ParsedRow> valid = rows.stream().filter(ParsedRow::isValid).toList();
        List<Claim> claimed = redis(() -> claims.claim(batch.attemptId().toString(), valid.stream()
                .map(IntakePipeline::ref).toList()));
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
                // ingested by an earlier request, a retry of this one included: not a fault of this row
                outcomes[i] = new RowOutcome(row, RowOutcome.Status.DUPLICATE, List.of(), false, false);
            } else if (claim instanceof Claim.RepeatedInRequest repeated) {
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

    /**
     * Waits for Kafka's acknowledgements of a submitted chunk, confirms or releases its claims, keeps its refused
     * rows (dead-letter topic and PostgreSQL) and counts it.
     *
     * @return the chunk's outcomes, with a failure when Kafka or PostgreSQL failed: the rows that Kafka had already
     * acknowledged stay accepted and are counted
     * @throws DependencyUnavailableException when Redis fails
     */
    private Completed complete(BatchContext batch, Submitted chunk) {
        List<ParsedRow> rows = chunk.rows();
        RowOutcome[] outcomes = chunk.outcomes();
        List<Throwable> failures = EventPublisher.await(chunk.acks());
        List<LineRef> acked = new ArrayList<>();
        List<LineRef> failed = new ArrayList<>();
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
            claims.confirm(batch.attemptId().toString(), acked);
            claims.release(batch.attemptId().toString(), failed);
            return null;
        });
        List<RowOutcome> done = new ArrayList<>(rows.size());
        for (RowOutcome o : outcomes) {
            if (o != null) {
                done.add(o);
            }
        }
        DependencyUnavailableException refusalNotKept = recorder.keepRejected(batch, done);
        recorder.record(batch, done);
        metrics.stopChunk(chunk.timing());
        if (!failed.isEmpty()) {
            return new Completed(done, new DependencyUnavailableException("kafka", failures.stream()
                    .filter(f -> f != null).findFirst().orElse(null)));
        }
        return new Completed(done, refusalNotKept);
    }

    private static LineRef ref(ParsedRow row) {
        PosTransaction line = row.line();
        return new LineRef(line.transactionId(), line.lineNumber(), row.row(), line.seriesKey().toString(),
                line.transactionTimestamp());
    }

    private static <T> T redis(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException("redis", e);
        }
    }
}
