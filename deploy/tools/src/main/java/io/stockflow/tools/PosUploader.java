package io.stockflow.tools;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.synthetic.SyntheticPosCsv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Streams POS lines to the ingestion service as one CSV batch: the CSV is written into a pipe while the HTTP
 * client sends it, so an upload of any size holds only a pipe buffer in memory.
 */
public final class PosUploader implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "csv-writer");
        t.setDaemon(true);
        return t;
    });
    private final URI batchUri;
    private final String headerName;
    private final String headerValue;

    /** @param credentialHeader and {@code credential}: how the uploader proves who it is (an API key or a token) */
    public PosUploader(String baseUrl, String credentialHeader, String credential) {
        this.batchUri = URI.create(baseUrl + "/api/data/pos/batch");
        this.headerName = credentialHeader;
        this.headerValue = credential;
    }

    /** @return the HTTP status and the JSON answer */
    public HttpResponse<String> uploadCsv(Stream<PosTransaction> lines, double badRowRate, long seed)
            throws IOException, InterruptedException {
        PipedInputStream body = new PipedInputStream(1 << 16);
        PipedOutputStream sink = new PipedOutputStream(body);
        writers.submit(() -> {
            try (Writer out = new OutputStreamWriter(sink, StandardCharsets.UTF_8)) {
                SyntheticPosCsv.write(out, lines, badRowRate, seed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .header("Content-Type", "text/csv")
                .header(headerName, headerValue)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
