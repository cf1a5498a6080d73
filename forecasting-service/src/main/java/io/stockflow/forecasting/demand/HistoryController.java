package io.stockflow.forecasting.demand;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code POST /api/ml/history} (text/csv): daily history of a new store or tenant. The body is spooled to a file
 * first, so a large history never sits in memory.
 */
@RestController
class HistoryController {

    private final HistoryImport imports;

    HistoryController(HistoryImport imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/ml/history", consumes = "text/csv")
    Mono<HistoryImport.Report> importHistory(@RequestBody Flux<DataBuffer> body) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("history-", ".csv")).subscribeOn(Schedulers.boundedElastic()),
                file -> DataBufferUtils.write(body, file).then(imports.importCsv(file)),
                file -> Mono.fromRunnable(() -> deleteQuietly(file)).subscribeOn(Schedulers.boundedElastic()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is removed with the temp directory; the import's answer matters more.
        }
    }
}
