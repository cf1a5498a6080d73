package io.stockflow.ingestion.intake.web;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.JsonErrors;
import io.stockflow.ingestion.batches.BatchRecord;
import io.stockflow.ingestion.batches.BatchRepository;
import io.stockflow.ingestion.dedup.IdempotentRequests;
import io.stockflow.ingestion.intake.IngestionProperties;
import io.stockflow.ingestion.intake.pipeline.Arrival;
import io.stockflow.ingestion.intake.pipeline.BatchContext;
import io.stockflow.ingestion.intake.pipeline.BatchResult;
import io.stockflow.ingestion.intake.pipeline.IngestionReport;
import io.stockflow.ingestion.intake.pipeline.IntakePipeline;
import io.stockflow.ingestion.intake.reading.RowReader;
import io.stockflow.ingestion.intake.reading.UnreadableBodyException;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two intake requests from body to answer: reads the body (whole for a transaction, streamed for a batch),
 * applies the {@code Idempotency-Key} contract around the request, hands its lines to the pipeline once and turns
 * what became of them into the answer.
 */
class IntakeRequests {

    private static final Logger log = LoggerFactory.getLogger(IntakeRequests.class);

    private final IntakePipeline pipeline;
    private final IdempotentRequests idempotency;
    private final BatchRepository batches;
    private final StatisticsBuffer statistics;
    private final IngestionProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    IntakeRequests(IntakePipeline pipeline, IdempotentRequests idempotency, BatchRepository batches,
                   StatisticsBuffer statistics, IngestionProperties properties, JsonMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.idempotency = idempotency;
        this.batches = batches;
        this.statistics = statistics;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // ---- single transaction ------------------------------------------------------------------------------------

    Mono<HttpAnswer> transaction(Flux<DataBuffer> body, String idempotencyKey, RequestInfo request) {
        IntakeAnswers answers = new IntakeAnswers(request, json);
        Arrival arrival = new Arrival(clock.instant(), request.requestId(), idempotencyKey);
        return DataBufferUtils.join(body, (int) properties.maxTransactionSize().toBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    Mono<String> fingerprint = Mono.fromCallable(() -> IdempotentRequests.fingerprint(bytes));
                    return idempotency.run(answers, BatchContext.TRANSACTION, idempotencyKey, fingerprint,
                            () -> Mono.fromCallable(() -> transaction(bytes, arrival, answers))
                                    .subscribeOn(Schedulers.boundedElastic()),
                            fingerprint, HttpAnswer::replayable);
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(answers.transactionTooLarge(
                        properties.maxTransactionSize().toKilobytes())));
    }

    /** Reads the transaction object (a single line, or a basket of lines) and records it. */
    private HttpAnswer transaction(byte[] bytes, Arrival arrival, IntakeAnswers answers) {
        if (bytes.length == 0) {
            return answers.invalid("the body is empty: expected a transaction object", List.of(FieldViolation.of(null,
                    "empty_body", "expected a JSON object")));
        }
        String raw = new String(bytes, StandardCharsets.UTF_8);
        List<PosTransaction> lines;
        boolean basket;
        try {
            JsonNode node = json.readTree(bytes);
            if (!node.isObject()) {
                return answers.invalid("expected a transaction object", List.of(FieldViolation.of(null,
                        "not_an_object", "expected a JSON object, found " + node.getNodeType().name().toLowerCase())));
            }
            basket = node.has("lines");
            if (basket) {
                TransactionRequest transaction = json.treeToValue(node, TransactionRequest.class);
                int nullLine = transaction.firstNullLine();
                if (nullLine >= 0) {
                    return answers.invalid("every line is an object", List.of(FieldViolation.of(
                            "lines[" + nullLine + "]", "missing_field", "a line is required here, found null")));
                }
                lines = transaction.toLines();
            } else {
                lines = List.of(json.treeToValue(node, PosTransaction.class));
            }
        } catch (JacksonException e) {
            FieldViolation violation = JsonErrors.describe(e);
            return answers.invalid(violation.message(), List.of(violation));
        }
        if (lines == null || lines.isEmpty()) {
            return answers.invalid("a transaction needs at least one line", List.of(FieldViolation.of("lines",
                    "missing_field", "at least one line is required")));
        }
        return answers.transaction(pipeline.transaction(arrival, lines, basket, raw));
    }

    // ---- batch -------------------------------------------------------------------------------------------------

    Mono<HttpAnswer> batch(Flux<DataBuffer> body, long contentLength, boolean csv, String idempotencyKey,
                           RequestInfo request) {
        IntakeAnswers answers = new IntakeAnswers(request, json);
        long limit = properties.maxBatchSize().toBytes();
        if (contentLength > limit) {
            return Mono.just(answers.tooLarge(limit, null));
        }
        MessageDigest digest = IdempotentRequests.newDigest();
        Flux<DataBuffer> hashed = limit(body, limit).doOnNext(buffer -> {
            try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
                it.forEachRemaining(digest::update);
            }
        });
        Mono<String> fingerprint = Mono.fromCallable(() -> IdempotentRequests.fingerprint(digest));
        Mono<String> fingerprintOfReplay = hashed.doOnNext(DataBufferUtils::release).then(fingerprint);
        return idempotency.run(answers, BatchContext.BATCH, idempotencyKey, fingerprintOfReplay, () -> {
            Arrival arrival = new Arrival(clock.instant(), request.requestId(), idempotencyKey);
            return Mono.fromCallable(() -> batch(arrival, hashed, csv, limit, answers))
                    .subscribeOn(Schedulers.boundedElastic());
        }, fingerprint, answer -> answer.status() == 200 || answer.status() == 422); // bodies read to the end
    }

    private HttpAnswer batch(Arrival arrival, Flux<DataBuffer> body, boolean csv, long limit, IntakeAnswers answers)
            throws IOException {
        InputStream in = DataBufferUtils.subscriberInputStream(body, 4);
        BatchResult result;
        try (in) {
            RowReader reader;
            try {
                int maxRow = (int) properties.maxRowSize().toBytes();
                reader = csv ? RowReader.csv(in, maxRow) : RowReader.jsonArray(in, json, maxRow);
            } catch (UnreadableBodyException e) {
                return answers.unreadable(e, limit);
            }
            try (reader) {
                result = pipeline.batch(arrival, reader);
            }
        }
        HttpAnswer answer = answers.batch(result, limit);
        recordBatch(result, answer.status());
        return answer;
    }

    private static Flux<DataBuffer> limit(Flux<DataBuffer> body, long limit) {
        AtomicLong seen = new AtomicLong();
        return body.handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                DataBufferUtils.release(buffer);
                sink.error(new RowReader.BodyTooLargeException("the body exceeds the batch limit of "
                        + limit + " bytes"));
            } else {
                sink.next(buffer);
            }
        });
    }

    /**
     * Records a batch with its answer (for {@code /api/data/batches/{id}}) and makes its statistics visible before
     * the answer leaves.
     */
    private void recordBatch(BatchResult result, int status) {
        BatchContext batch = result.batch();
        IngestionReport report = result.report();
        statistics.flush().then(batches.record(new BatchRecord(batch.batchId(), batch.attemptId(),
                        batch.receivedAt(), clock.instant(), batch.endpoint(), batch.format(), status, report.rows(),
                        report.accepted(), report.duplicates(), report.rejected(), report.inFlight(),
                        report.rejectedByReason(), batch.csvHeader(), batch.requestId())))
                .doOnError(e -> log.warn("could not record batch {}", batch.batchId(), e))
                .onErrorResume(e -> Mono.empty())
                .block();
        log.info("batch {} ({}): {} rows, {} accepted, {} duplicates, {} rejected, {} in flight; answered {}",
                batch.batchId(), batch.format(), report.rows(), report.accepted(), report.duplicates(),
                report.rejected(), report.inFlight(), status);
    }
}
