package io.stockflow.forecasting.demand;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Imports a daily history file in one transaction: every row is checked, and the file is written only when no row
 * is at fault — a half-imported history would forecast from a hole. Days replace what was there, so importing the
 * same file twice changes nothing.
 */
public class HistoryImport {

    /** The import's outcome. */
    public record Report(long rows, long series, LocalDate firstDay, LocalDate lastDay) {
    }

    private static final int CHUNK_ROWS = 5000;

    private final DemandRepository demand;
    private final TransactionalOperator transactions;
    private final int maxReportedErrors;

    public HistoryImport(DemandRepository demand, TransactionalOperator transactions, int maxReportedErrors) {
        this.demand = demand;
        this.transactions = transactions;
        this.maxReportedErrors = maxReportedErrors;
    }

    /** @param csv a file the caller deletes afterwards */
    public Mono<Report> importCsv(Path csv) {
        List<FieldViolation> errors = new ArrayList<>();
        long[] errorCount = {0};
        Set<String> series = new HashSet<>();
        long[] rows = {0};
        LocalDate[] span = {null, null};
        Flux<Void> writes = Flux.using(() -> reader(csv),
                        reader -> Flux.fromStream(StreamSupport.stream(
                                Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED), false)),
                        HistoryImport::close)
                .subscribeOn(Schedulers.boundedElastic())
                .concatMap(chunk -> {
                    errorCount[0] += chunk.errors().size();
                    chunk.errors().stream().limit(Math.max(0, maxReportedErrors - errors.size()))
                            .forEach(errors::add);
                    for (ImportedDay day : chunk.days()) {
                        rows[0]++;
                        series.add(day.storeId() + '|' + day.productId());
                        span[0] = span[0] == null || day.day().isBefore(span[0]) ? day.day() : span[0];
                        span[1] = span[1] == null || day.day().isAfter(span[1]) ? day.day() : span[1];
                    }
                    // Once a fault is found nothing more is written: the transaction is rolled back anyway.
                    return errorCount[0] > 0 ? Mono.<Void>empty() : demand.replaceDays(chunk.days());
                })
                .concatWith(Mono.defer(() -> errorCount[0] == 0 ? Mono.<Void>empty()
                        : Mono.error(rejected(errors, errorCount[0]))));
        return transactions.transactional(writes)
                .then(Mono.fromSupplier(() -> new Report(rows[0], series.size(), span[0], span[1])));
    }

    private static HistoryCsvReader reader(Path csv) throws IOException {
        InputStream in = Files.newInputStream(csv);
        try {
            return new HistoryCsvReader(in, CHUNK_ROWS);
        } catch (IllegalArgumentException | UncheckedIOException header) {
            in.close();
            throw new ApiProblemException(Problems.invalidInput(header.getMessage(), List.of(FieldViolation.of(
                    "header", "invalid_header", header.getMessage()))));
        }
    }

    private static void close(HistoryCsvReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiProblemException rejected(List<FieldViolation> errors, long count) {
        ProblemDetail problem = Problems.invalidInput(count + " row(s) of the history are invalid; nothing was"
                + " imported", errors);
        problem.setProperty("invalid_rows", count);
        return new ApiProblemException(problem);
    }
}
