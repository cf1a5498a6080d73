package io.stockflow.notification.channel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 for the channels' tests: records every request exactly as received and answers
 * 200 (or, per path, a scripted sequence of statuses; a JSON body per path where a provider's answer matters).
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** A request as it arrived; header names are matched case-insensitively. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    public static RecordingHttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RecordingHttpServer recording = new RecordingHttpServer(server);
        server.createContext("/", recording::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return recording;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests to {@code path} are answered with these statuses in turn, then 200. */
    public void respondWith(String path, int... statuses) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int status : statuses) {
            queue.add(status);
        }
        scripted.put(path, queue);
    }

    public void answerBody(String path, String json) {
        bodies.put(path, json);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path,
                Map.copyOf(exchange.getRequestHeaders()), body));
        Deque<Integer> queue = scripted.get(path);
        Integer status;
        synchronized (this) {
            status = queue == null ? null : queue.poll();
        }
        byte[] answer = bodies.getOrDefault(path, "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
