package io.stockflow.gateway.auth;

import io.stockflow.common.web.ApiProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashingTest {

    /** Records the thread it ran on; holds every call until released. */
    private static final class HeldEncoder implements PasswordEncoder {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile String thread;

        @Override
        public String encode(CharSequence raw) {
            thread = Thread.currentThread().getName();
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "hash-of-" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encoded.equals(encode(raw));
        }
    }

    @Test
    void hashesAndChecksOnItsOwnPoolNeverOnTheCallersThread() {
        HeldEncoder encoder = new HeldEncoder();
        encoder.release.countDown();
        try (PasswordHashing hashing = new PasswordHashing(encoder, 1, 1)) {
            assertThat(hashing.hash("secret").block(Duration.ofSeconds(10))).isEqualTo("hash-of-secret");
            assertThat(encoder.thread).startsWith("password-hashing");
            assertThat(hashing.matches("secret", "hash-of-secret").block(Duration.ofSeconds(10))).isTrue();
            assertThat(hashing.matches("guess", "hash-of-secret").block(Duration.ofSeconds(10))).isFalse();
        }
    }

    @Test
    void whenThePoolAndItsQueueAreFullALoginIsAnswered503WithRetryAfter() throws InterruptedException {
        HeldEncoder encoder = new HeldEncoder();
        try (PasswordHashing hashing = new PasswordHashing(encoder, 1, 1)) {
            Mono<String> running = hashing.hash("one").cache();
            running.subscribe();
            assertThat(encoder.started.await(10, TimeUnit.SECONDS)).isTrue(); // running, no longer queued
            Mono<String> queued = hashing.hash("two").cache();
            queued.subscribe();
            assertThatThrownBy(() -> hashing.hash("three").block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                        assertThat(e.getBody().getStatus()).isEqualTo(503);
                        assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                    });
            encoder.release.countDown();
            assertThat(running.block(Duration.ofSeconds(10))).isEqualTo("hash-of-one");
            assertThat(queued.block(Duration.ofSeconds(10))).isEqualTo("hash-of-two");
        }
    }
}
