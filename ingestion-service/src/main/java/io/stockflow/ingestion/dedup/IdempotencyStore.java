package io.stockflow.ingestion.dedup;

import io.stockflow.common.json.StockflowJson;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where {@link IdempotentRequests} keeps the answers to {@code Idempotency-Key} requests, in Redis: a key is first
 * marked running (short TTL), then holds the request body's fingerprint and the answer for the retention period,
 * or is forgotten when the request failed on our side.
 */
class IdempotencyStore {

    private static final Duration RUNNING_TTL = Duration.ofMinutes(15);

    private final ReactiveStringRedisTemplate redis;
    private final Duration retention;

    IdempotencyStore(ReactiveStringRedisTemplate redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    /** A stored outcome: the request body's SHA-256, and the response status and JSON body. */
    record StoredResponse(String state, String fingerprint, int status, String body) {
        static final String RUNNING = "running";
        static final String DONE = "done";

        boolean done() {
            return DONE.equals(state);
        }
    }

    /** @return empty when this request now owns the key, else what is stored under it */
    Mono<StoredResponse> begin(String endpoint, String idempotencyKey) {
        String key = key(endpoint, idempotencyKey);
        String running = StockflowJson.mapper().writeValueAsString(
                new StoredResponse(StoredResponse.RUNNING, null, 0, null));
        return redis.opsForValue().setIfAbsent(key, running, RUNNING_TTL)
                .flatMap(owned -> owned ? Mono.<StoredResponse>empty() : redis.opsForValue().get(key)
                        .map(json -> StockflowJson.mapper().readValue(json, StoredResponse.class))
                        // expired between the two calls: report it as running, a retry will own it
                        .defaultIfEmpty(new StoredResponse(StoredResponse.RUNNING, null, 0, null)));
    }

    Mono<Void> complete(String endpoint, String idempotencyKey, String fingerprint, int status, String body) {
        String json = StockflowJson.mapper().writeValueAsString(
                new StoredResponse(StoredResponse.DONE, fingerprint, status, body));
        return redis.opsForValue().set(key(endpoint, idempotencyKey), json, retention).then();
    }

    /** Forgets a key whose request failed on our side, so that a retry runs again. */
    Mono<Void> abandon(String endpoint, String idempotencyKey) {
        return redis.delete(key(endpoint, idempotencyKey)).then();
    }

    private static String key(String endpoint, String idempotencyKey) {
        return "sf:ingest:idem:" + endpoint + ":"
                + IdempotentRequests.fingerprint(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }
}
