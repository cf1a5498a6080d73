package io.stockflow.ingestion.dedup;

import io.stockflow.common.web.IdempotencyKey;
import io.stockflow.common.web.Problems;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Mono;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} header of the IETF HTTP API draft around a request: the first request with a key
 * runs and its answer is stored; a repeat with the same key and the same body gets that answer replayed; a repeat
 * while the first still runs gets 409, and a repeat with a different body 422. A key that breaks the one rule of
 * {@link IdempotencyKey} gets 400. An answer that is not kept (a failure on our side) forgets the key, so that a
 * retry runs again.
 */
public class IdempotentRequests {

    private final IdempotencyStore store;

    public IdempotentRequests(ReactiveStringRedisTemplate redis, Duration retention) {
        this.store = new IdempotencyStore(redis, retention);
    }

    /** What is kept of an answer for replay: its status and its body, as sent. */
    public interface Answer {
        int status();

        String body();
    }

    /** How the caller's answers are made, for one request. */
    public interface Answers<A extends Answer> {
        /** A refusal: the problem, named for the request and written as application/problem+json. */
        A problem(ProblemDetail problem);

        /** The stored answer of the first request with this key, sent again. */
        A replay(int status, String body);
    }

    /**
     * @param endpoint            names the endpoint: a key is unique per endpoint
     * @param key                 the header's value; null runs the request as it is
     * @param fingerprintOfReplay reads the body's fingerprint when a stored answer may be replayed
     * @param run                 the request itself
     * @param fingerprintAfterRun the body's fingerprint once {@code run} has read it
     * @param storable            which answers are kept for replay; the others let a retry run again
     */
    public <A extends Answer> Mono<A> run(Answers<A> answers, String endpoint, String key,
                                          Mono<String> fingerprintOfReplay, Supplier<Mono<A>> run,
                                          Mono<String> fingerprintAfterRun, Predicate<A> storable) {
        if (key == null) {
            return run.get();
        }
        if (!IdempotencyKey.isValid(key)) {
            return Mono.just(answers.problem(IdempotencyKey.problem()));
        }
        return store.begin(endpoint, key)
                .flatMap(stored -> stored.done()
                        ? fingerprintOfReplay.map(fingerprint -> replay(answers, stored, fingerprint))
                        : Mono.just(answers.problem(Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use",
                        "Request still being processed",
                        "a request with this Idempotency-Key is still being processed; retry later"))))
                .switchIfEmpty(Mono.defer(() -> run.get()
                        .flatMap(answer -> storable.test(answer)
                                ? fingerprintAfterRun.flatMap(fingerprint -> store.complete(endpoint, key,
                                fingerprint, answer.status(), answer.body())).thenReturn(answer)
                                : store.abandon(endpoint, key).thenReturn(answer))
                        .onErrorResume(e -> store.abandon(endpoint, key).then(Mono.error(e)))));
    }

    private static <A extends Answer> A replay(Answers<A> answers, IdempotencyStore.StoredResponse stored,
                                               String fingerprint) {
        if (!fingerprint.equals(stored.fingerprint())) {
            return answers.problem(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "this Idempotency-Key was used for a different request body"));
        }
        return answers.replay(stored.status(), stored.body());
    }

    /** A digest for a body's fingerprint that is read as a stream: {@link #fingerprint(MessageDigest)} at the end. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static String fingerprint(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A body's fingerprint: its SHA-256, in hex. */
    public static String fingerprint(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return fingerprint(digest);
    }
}
