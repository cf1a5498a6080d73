package io.stockflow.ingestion.intake;

import io.stockflow.common.security.Role;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static io.stockflow.ingestion.IngestionFixtures.HEADER;
import static io.stockflow.ingestion.IngestionFixtures.batchIdOf;
import static io.stockflow.ingestion.IngestionFixtures.deadLetters;
import static io.stockflow.ingestion.IngestionFixtures.recent;
import static io.stockflow.ingestion.IngestionFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A CSV upload far larger than the heap, generated on the fly, with a stray quote near its start: under RFC 4180
 * the rest of the body would be one field. It runs in a JVM of its own with {@code -Xmx256m} (the
 * {@code bounded-heap} surefire execution of this module), so holding the body, or the broken row, in memory
 * fails it with an OutOfMemoryError; it also reports the peak heap it saw. The broken row is followed by
 * {@value #DEFAULT_BYTES} bytes without a quote or line break (more with {@code -Dstockflow.large-upload.bytes},
 * e.g. 1073741824 for the 1 GB of the README).
 */
@IntegrationTest
class LargeUploadIntegrationTest {

    private static final long DEFAULT_BYTES = 384L << 20;
    private static final long MAX_HEAP = 300L << 20;
    private static final int ROWS_BEFORE = 100;
    private static final int ROWS_AFTER = 400;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @BeforeAll
    static void onlyWithABoundedHeap() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= MAX_HEAP,
                "runs in the bounded-heap surefire execution (-Xmx256m), where a body held in memory cannot fit");
    }

    @Test
    void aStrayQuoteBeforeHundredsOfMegabytesCostsOneRowAndTheBodyReadsOn() throws Exception {
        long filler = Long.getLong("stockflow.large-upload.bytes", DEFAULT_BYTES);
        assertThat(filler).isGreaterThan(Runtime.getRuntime().maxMemory());
        String store = store();
        String timestamp = recent();
        StringBuilder head = new StringBuilder(HEADER);
        for (int n = 1; n <= ROWS_BEFORE; n++) {
            head.append(row(store, n, timestamp));
        }
        String broken = store + "-" + (ROWS_BEFORE + 1) + ",1," + store + ",\"P1,1,2.50,EUR,";
        head.append(broken);
        StringBuilder tail = new StringBuilder("\n");
        for (int n = ROWS_BEFORE + 2; n <= ROWS_BEFORE + 1 + ROWS_AFTER; n++) {
            tail.append(row(store, n, timestamp));
        }
        InputStream body = new GeneratedBody(head.toString(), filler, tail.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/data/pos/batch"))
                .header("Content-Type", "text/csv")
                .header("Authorization", TestTokens.bearer(Role.ADMIN))
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();

        HeapWatch heap = HeapWatch.start();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            heap.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("large upload: %d MB streamed in %.1f s, peak heap used %d MB of %d MB%n",
                filler >> 20, seconds, heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);

        int rows = ROWS_BEFORE + 1 + ROWS_AFTER;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rows\":" + rows, "\"accepted\":" + (rows - 1), "\"rejected\":1",
                "\"row_too_large\":1");
        String batchId = batchIdOf(response.body());
        client.get().uri("/api/data/batches/{id}/rejected", batchId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rejected_rows.length()").isEqualTo(1)
                .jsonPath("$.rejected_rows[0].row").isEqualTo(ROWS_BEFORE + 1)
                .jsonPath("$.rejected_rows[0].reason").isEqualTo("row_too_large")
                .jsonPath("$.rejected_rows[0].errors[0].message").value(m -> assertThat((String) m)
                        .contains("limit of 65536 bytes"))
                .jsonPath("$.rejected_rows[0].original").value(o -> assertThat((String) o).startsWith(broken)
                        .hasSizeLessThanOrEqualTo(1024));
        assertThat(deadLetters(batchId)).singleElement().satisfies(dead -> {
            assertThat(dead.row()).isEqualTo(ROWS_BEFORE + 1);
            assertThat(dead.reason()).isEqualTo("row_too_large");
            assertThat(dead.payload()).startsWith(broken);
        });
    }

    private static String row(String store, int n, String timestamp) {
        return store + "-" + n + ",1," + store + ",P1,1,2.50,EUR," + timestamp + ",false,store,M\n";
    }

    /** A head, then {@code filler} bytes of {@code x} (no quote, no line break), then a tail; nothing is stored. */
    private static final class GeneratedBody extends InputStream {

        private final byte[] head;
        private final byte[] tail;
        private long filler;
        private int at;

        GeneratedBody(String head, long filler, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.filler = filler;
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at < head.length) {
                int n = Math.min(len, head.length - at);
                System.arraycopy(head, at, b, off, n);
                at += n;
                return n;
            }
            if (filler > 0) {
                int n = (int) Math.min(len, filler);
                Arrays.fill(b, off, off + n, (byte) 'x');
                filler -= n;
                return n;
            }
            int t = at - head.length;
            if (t >= tail.length) {
                return -1;
            }
            int n = Math.min(len, tail.length - t);
            System.arraycopy(tail, t, b, off, n);
            at += n;
            return n;
        }
    }

    /** Samples the used heap while the upload runs. */
    private static final class HeapWatch {

        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        private HeapWatch() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.thread.start();
            return watch;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
