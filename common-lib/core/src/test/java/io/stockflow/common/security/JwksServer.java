package io.stockflow.common.security;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A real HTTP server on 127.0.0.1 publishing a JWK Set the way the gateway does; counts the fetches. */
final class JwksServer implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String body = "{\"keys\":[]}";
    private volatile long delayMillis;

    JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Publishes public keys by key id, with {@code use: sig}, exactly as the gateway's key ring writes them. */
    JwksServer publish(Map<String, ? extends PublicKey> keys) {
        Map<String, PublicKey> ordered = new LinkedHashMap<>(keys);
        return publishRaw(ordered.entrySet().stream()
                .map(e -> Jwks.json(jwk(e.getKey(), e.getValue())))
                .collect(Collectors.joining(",")));
    }

    private static PublicJwk<?> jwk(String kid, PublicKey key) {
        return Jwks.builder().key(key).id(kid).publicKeyUse("sig").build();
    }

    /** Publishes these JWK objects (JSON, comma-separated) as the set. */
    JwksServer publishRaw(String jwks) {
        body = "{\"keys\":[" + jwks + "]}";
        return this;
    }

    JwksServer delay(long millis) {
        delayMillis = millis;
        return this;
    }

    int fetches() {
        return fetches.get();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public synchronized void close() {
        if (executor.isShutdown()) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
