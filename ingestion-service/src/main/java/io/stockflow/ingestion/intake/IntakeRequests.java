package io.stockflow.ingestion.intake;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.JsonErrors;
import io.stockflow.common.web.Problems;
import io.stockflow.ingestion.dedup.IdempotencyStore;
import io.stockflow.ingestion.quality.IngestionStatisticsRepository;
import io.stockflow.ingestion.quality.IngestionStatisticsRepository.BatchRecord;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the two intake requests into answers: reads the body (streamed for batches), runs the intake pipeline,
 * maps its outcome to HTTP, and applies the {@code Idempotency-Key} contract around it.
 */
public class IntakeRequests {

    private static final Logger log = LoggerFactory.getLogger(IntakeRequests.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    static final String TRANSACTION = "transaction";
    static final String BATCH = "batch";

    private final IntakeService intake;
    private final IdempotencyStore idempotency;
    private final IngestionStatisticsRepository repository;
    private final StatisticsBuffer statistics;
    private final IngestionProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public IntakeRequests(IntakeService intake, IdempotencyStore idempotency, IngestionStatisticsRepository repository,
                          StatisticsBuffer statistics, IngestionProperties properties, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.repository = repository;
        this.statistics = statistics;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // ---- single transaction ------------------------------------------------------------------------------------

    Mono<HttpAnswer> transaction(Flux<DataBuffer> body, String idempotencyKey, RequestInfo request) {
        Instant receivedAt = clock.instant();
        return DataBufferUtils.join(body, (int) properties.maxTransactionSize().toBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    Mono<String> fingerprint = Mono.fromCallable(() -> IdempotencyStore.sha256(bytes));
                    return idempotent(request, TRANSACTION, idempotencyKey, fingerprint,
                            () -> Mono.<HttpAnswer>fromCallable(() -> transaction(bytes, idempotencyKey, request, receivedAt))
                                    .subscribeOn(Schedulers.boundedElastic()),
                            fingerprint, HttpAnswer::replayable);
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(problem(request, Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "a single transaction may be at most " + properties.maxTransactionSize().toKilobytes()
                                + " KB; send larger volumes to /api/data/pos/batch"))));
    }

    private HttpAnswer transaction(byte[] bytes, String idempotencyKey, RequestInfo request, Instant receivedAt) {
        if (bytes.length == 0) {
            return invalid(request, "the body is empty: expected a transaction object", List.of(FieldViolation.of(null,
                    "empty_body", "expected a JSON object")));
        }
        String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        List<PosTransaction> lines;
        boolean basket;
        try {
            JsonNode node = json.readTree(bytes);
            if (!node.isObject()) {
                return invalid(request, "expected a transaction object", List.of(FieldViolation.of(null, "not_an_object",
                        "expected a JSON object, found " + node.getNodeType().name().toLowerCase())));
            }
            basket = node.has("lines");
            lines = basket ? json.treeToValue(node, TransactionRequest.class).toLines()
                    : List.of(json.treeToValue(node, PosTransaction.class));
        } catch (JacksonException e) {
            FieldViolation violation = JsonErrors.describe(e);
            return invalid(request, violation.message(), List.of(violation));
        }
        if (lines == null || lines.isEmpty()) {
            return invalid(request, "a transaction needs at least one line", List.of(FieldViolation.of("lines",
                    "missing_field", "at least one line is required")));
        }
        String transactionId = lines.get(0).transactionId() != null ? lines.get(0).transactionId()
                : idempotencyKey != null ? "T-" + DeterministicUuid.of("idempotency-key:" + idempotencyKey)
                : "T-" + UUID.randomUUID();
        BatchContext batch = new BatchContext(transactionId, TRANSACTION, "json", receivedAt, request.requestId(), null);

        List<ParsedRow> rows = new ArrayList<>(lines.size());
        List<FieldViolation> violations = new ArrayList<>();
        Set<Integer> lineNumbers = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            PosTransaction line = lines.get(i).withDefaults(transactionId, i + 1, properties.defaultCurrency());
            ParsedRow row = intake.validated(i + 1, () -> raw, line);
            String prefix = basket ? "lines[" + i + "]." : "";
            row.violations().forEach(v -> violations.add(new FieldViolation(null,
                    v.field() == null ? null : prefix + v.field(), v.code(), v.message())));
            if (!lineNumbers.add(line.lineNumber())) {
                violations.add(FieldViolation.of(prefix + "line_number", "duplicate_line_number",
                        "line number " + line.lineNumber() + " appears twice in the transaction"));
            }
            rows.add(row);
        }
        if (!violations.isEmpty()) {
            intake.rejectTransaction(batch, raw, violations);
            return invalid(request, violations.size() + " invalid field(s); nothing of this transaction was recorded",
                    violations);
        }
        List<RowOutcome> outcomes;
        try {
            outcomes = intake.process(batch, rows);
        } catch (DependencyUnavailableException e) {
            return unavailable(request, e, 0);
        }
        if (outcomes.stream().anyMatch(o -> o.status() == RowOutcome.Status.IN_FLIGHT)) {
            return problem(request, Problems.of(HttpStatus.CONFLICT, "in-flight", "Transaction is being recorded",
                    "another request is recording this transaction right now; retry in a moment"));
        }
        List<TransactionReceipt.LineReceipt> receipts = outcomes.stream()
                .map(o -> new TransactionReceipt.LineReceipt(o.row().line().lineNumber(),
                        o.status() == RowOutcome.Status.ACCEPTED ? "accepted" : "duplicate",
                        o.row().line().eventId()))
                .toList();
        long accepted = receipts.stream().filter(r -> r.status().equals("accepted")).count();
        TransactionReceipt receipt = new TransactionReceipt(transactionId, accepted, receipts.size() - accepted,
                receipts);
        int status = accepted > 0 ? 201 : 200;
        return new HttpAnswer(status, HttpAnswer.JSON, json.writeValueAsString(receipt), null, false);
    }

    // ---- batch -------------------------------------------------------------------------------------------------

    Mono<HttpAnswer> batch(Flux<DataBuffer> body, long contentLength, boolean csv, String idempotencyKey,
                           RequestInfo request) {
        long limit = properties.maxBatchSize().toBytes();
        if (contentLength > limit) {
            return Mono.just(tooLarge(request, limit, null));
        }
        MessageDigest digest = IdempotencyStore.newDigest();
        Flux<DataBuffer> hashed = limit(body, limit).doOnNext(buffer -> {
            try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
                it.forEachRemaining(digest::update);
            }
        });
        Mono<String> fingerprint = Mono.fromCallable(() -> HexFormat.of().formatHex(digest.digest()));
        Mono<String> fingerprintOfReplay = hashed.doOnNext(DataBufferUtils::release).then(fingerprint);
        return idempotent(request, BATCH, idempotencyKey, fingerprintOfReplay, () -> {
            String batchId = idempotencyKey != null ? DeterministicUuid.of("idempotency-key:" + idempotencyKey)
                    .toString() : UUID.randomUUID().toString();
            BatchContext batch = new BatchContext(batchId, BATCH, csv ? "csv" : "json", clock.instant(),
                    request.requestId(), null);
            return Mono.<HttpAnswer>fromCallable(() -> runBatch(request, batch, hashed, csv, limit))
                    .subscribeOn(Schedulers.boundedElastic());
        }, fingerprint, answer -> answer.status() == 200 || answer.status() == 422); // bodies read to the end
    }

    private HttpAnswer runBatch(RequestInfo request, BatchContext batch, Flux<DataBuffer> body, boolean csv, long limit)
            throws IOException {
        InputStream in = DataBufferUtils.subscriberInputStream(body, 4);
        IntakeService.BatchResult result;
        try (in) {
            RowReader reader;
            try {
                reader = csv ? new CsvRowReader(in) : new JsonArrayRowReader(in, json);
            } catch (UnreadableBodyException e) {
                return e.tooLarge() ? tooLarge(request, limit, null)
                        : invalid(request, e.violation().message(), List.of(e.violation()));
            }
            BatchContext context = reader instanceof CsvRowReader csvReader
                    ? batch.withCsvHeader(csvReader.headerLine()) : batch;
            try (reader) {
                result = intake.ingest(context, reader);
            }
        }
        IngestionReport report = result.report();
        if (result.unavailable() == null) {
            intake.raiseQualityAlerts(batch, result.perStore());
        }
        HttpAnswer answer;
        if (result.unavailable() != null) {
            answer = unavailable(request, result.unavailable(), report.accepted());
        } else if (result.unreadable() != null) {
            UnreadableBodyException stop = result.unreadable();
            if (stop.tooLarge()) {
                answer = tooLarge(request, limit, report);
            } else {
                ProblemDetail problem = Problems.invalidInput(stop.violation().message()
                        + (report.rows() > 0 ? "; the " + report.rows() + " rows before it were processed" : ""),
                        List.of(stop.violation()));
                problem.setProperty("report", report);
                answer = problem(request, problem);
            }
        } else if (report.rows() == 0) {
            answer = invalid(request, "the batch has no rows", List.of(FieldViolation.of(null, "empty_batch",
                    "expected at least one row")));
        } else if (report.accepted() + report.duplicates() + report.inFlight() == 0) {
            ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "batch-rejected",
                    "No row of the batch is valid",
                    "all " + report.rows() + " rows were rejected; they are on the dead-letter topic with their reasons");
            problem.setProperty(Problems.ERRORS, report.rejectedRows().stream()
                    .flatMap(issue -> issue.errors().stream()).toList());
            problem.setProperty("report", report);
            answer = problem(request, problem);
        } else {
            answer = new HttpAnswer(200, HttpAnswer.JSON, json.writeValueAsString(report), null, false);
        }
        recordBatch(batch, answer.status(), report.rows(), report.accepted(), report.duplicates(), report.rejected());
        log.info("batch {} ({}): {} rows, {} accepted, {} duplicates, {} rejected, {} in flight; answered {}",
                batch.batchId(), batch.format(), report.rows(), report.accepted(), report.duplicates(),
                report.rejected(), report.inFlight(), answer.status());
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

    // ---- idempotency -------------------------------------------------------------------------------------------

    /**
     * @param fingerprintOfReplay reads the body's fingerprint when a stored answer may be replayed
     * @param fingerprintAfterRun the body's fingerprint once {@code run} has read it
     * @param storable            which answers are kept for replay; the others let a retry run again
     */
    private Mono<HttpAnswer> idempotent(RequestInfo request, String endpoint, String key,
                                        Mono<String> fingerprintOfReplay,
                                        Supplier<Mono<HttpAnswer>> run, Mono<String> fingerprintAfterRun,
                                        Predicate<HttpAnswer> storable) {
        if (key == null) {
            return run.get();
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            return Mono.just(invalid(request, "invalid Idempotency-Key header", List.of(FieldViolation.of("Idempotency-Key",
                    "invalid_format", "must be 1 to 255 visible ASCII characters"))));
        }
        return idempotency.begin(endpoint, key)
                .flatMap(stored -> stored.done() ? fingerprintOfReplay.map(fingerprint -> replay(request, stored, fingerprint))
                        : Mono.just(problem(request, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use",
                        "Request still being processed",
                        "a request with this Idempotency-Key is still being processed; retry later"))))
                .switchIfEmpty(Mono.defer(() -> run.get()
                        .flatMap(answer -> storable.test(answer)
                                ? fingerprintAfterRun.flatMap(fingerprint -> idempotency.complete(endpoint, key,
                                fingerprint, answer.status(), answer.body())).thenReturn(answer)
                                : idempotency.abandon(endpoint, key).thenReturn(answer))
                        .onErrorResume(e -> idempotency.abandon(endpoint, key).then(Mono.error(e)))));
    }

    private HttpAnswer replay(RequestInfo request, IdempotencyStore.StoredResponse stored, String fingerprint) {
        if (!fingerprint.equals(stored.fingerprint())) {
            return problem(request, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "this Idempotency-Key was used for a different request body"));
        }
        return new HttpAnswer(stored.status(), stored.status() >= 400 ? HttpAnswer.PROBLEM_JSON : HttpAnswer.JSON,
                stored.body(), null, true);
    }

    // ---- answers -----------------------------------------------------------------------------------------------

    private HttpAnswer invalid(RequestInfo request, String detail, List<FieldViolation> violations) {
        return problem(request, Problems.invalidInput(detail, violations));
    }

    private HttpAnswer tooLarge(RequestInfo request, long limit, IngestionReport report) {
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "a batch may be at most " + limit + " bytes; split it"
                        + (report != null && report.rows() > 0 ? " (the " + report.rows()
                        + " rows before the limit were processed)" : ""));
        if (report != null) {
            problem.setProperty("report", report);
        }
        return problem(request, problem);
    }

    private HttpAnswer unavailable(RequestInfo request, DependencyUnavailableException e, long acceptedBefore) {
        log.warn("intake stopped: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable",
                "Ingestion temporarily unavailable", e.dependency() + " is unavailable; "
                        + (acceptedBefore > 0 ? acceptedBefore + " rows were accepted before the failure and the rest "
                        + "were not; retrying the whole request is safe (accepted rows come back as duplicates)"
                        : "nothing was accepted; retry later"));
        problem.setProperty("accepted", acceptedBefore);
        return problem(request, problem).retryingAfter("5");
    }

    private HttpAnswer problem(RequestInfo request, ProblemDetail problem) {
        Problems.stamp(problem, request.path(), request.requestId());
        return new HttpAnswer(problem.getStatus(), HttpAnswer.PROBLEM_JSON, json.writeValueAsString(problem), null, false);
    }

    /** Records a batch and makes its statistics visible before its answer leaves. */
    private void recordBatch(BatchContext batch, int status, long rows, long accepted, long duplicates,
                             long rejected) {
        statistics.flush().then(repository.recordBatch(new BatchRecord(batch.batchId(), batch.receivedAt(), clock.instant(),
                        batch.endpoint(), batch.format(), status, rows, accepted, duplicates, rejected,
                        batch.requestId())))
                .doOnError(e -> log.warn("could not record batch {}", batch.batchId(), e))
                .onErrorResume(e -> Mono.empty())
                .block();
    }
}
