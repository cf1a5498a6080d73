package io.stockflow.tools;

import com.sun.net.httpserver.HttpServer;
import io.stockflow.common.json.StockflowJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver for benchmarks: answers every POST with 200 and notes when the alert it carries
 * ({@code data.alert_id}) first arrived, on this process's nano clock.
 */
final class WebhookSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong repeats = new AtomicLong();

    private WebhookSink(HttpServer server) {
        this.server = server;
    }

    static WebhookSink start() throws IOException {
        WebhookSink sink = new WebhookSink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024));
        sink.server.setExecutor(sink.workers);
        sink.server.createContext("/", exchange -> {
            long now = System.nanoTime();
            try (InputStream body = exchange.getRequestBody()) {
                String alert = StockflowJson.mapper().readTree(body.readAllBytes()).path("data").path("alert_id")
                        .asString();
                if (!alert.isEmpty() && sink.arrivals.putIfAbsent(UUID.fromString(alert), now) != null) {
                    sink.repeats.incrementAndGet();
                }
            } catch (RuntimeException unreadable) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.server.start();
        return sink;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Waits until every alert arrived; @return the nano time the last one arrived */
    long awaitAll(Collection<UUID> alerts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long missing = alerts.stream().filter(id -> !arrivals.containsKey(id)).count();
            if (missing == 0) {
                return alerts.stream().mapToLong(arrivals::get).max().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(missing + " of " + alerts.size() + " alerts never arrived");
            }
            Thread.sleep(5);
        }
    }

    long arrival(UUID alert) {
        return arrivals.get(alert);
    }

    long repeats() {
        return repeats.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
