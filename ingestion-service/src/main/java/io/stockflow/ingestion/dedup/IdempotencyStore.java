package io.stockflow.ingestion.dedup;

import io.stockflow.common.json.StockflowJson;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} header of the IETF HTTP API draft: the first request with a key runs and its
 * response is stored; a repeat with the same key and the same body gets that response replayed; a repeat while
 * the first still runs gets 409, and a repeat with a different body 422.
 */
public class IdempotencyStore {

    private static final Duration RUNNING_TTL = Duration.ofMinutes(15);

    private final ReactiveStringRedisTemplate redis;
    private final Duration retention;

    public IdempotencyStore(ReactiveStringRedisTemplate redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    /** A stored outcome: the request body's SHA-256, and the response status and JSON body. */
    public record StoredResponse(String state, String fingerprint, int status, String body) {
        static final String RUNNING = "running";
        static final String DONE = "done";

        public boolean done() {
            return DONE.equals(state);
        }
    }

    /** @return empty when this request now owns the key, else what is stored under it */
    public Mono<StoredResponse> begin(String endpoint, String idempotencyKey) {
        String key = key(endpoint, idempotencyKey);
        String running = StockflowJson.mapper().writeValueAsString(
                new StoredResponse(StoredResponse.RUNNING, null, 0, null));
        return redis.opsForValue().setIfAbsent(key, running, RUNNING_TTL)
                .flatMap(owned -> owned ? Mono.<StoredResponse>empty() : redis.opsForValue().get(key)
                        .map(json -> StockflowJson.mapper().readValue(json, StoredResponse.class))
                        // expired between the two calls: report it as running, a retry will own it
                        .defaultIfEmpty(new StoredResponse(StoredResponse.RUNNING, null, 0, null)));
    }

    public Mono<Void> complete(String endpoint, String idempotencyKey, String fingerprint, int status, String body) {
        String json = StockflowJson.mapper().writeValueAsString(
                new StoredResponse(StoredResponse.DONE, fingerprint, status, body));
        return redis.opsForValue().set(key(endpoint, idempotencyKey), json, retention).then();
    }

    /** Forgets a key whose request failed on our side, so that a retry runs again. */
    public Mono<Void> abandon(String endpoint, String idempotencyKey) {
        return redis.delete(key(endpoint, idempotencyKey)).then();
    }

    private static String key(String endpoint, String idempotencyKey) {
        return "sf:ingest:idem:" + endpoint + ":" + sha256(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }
}
