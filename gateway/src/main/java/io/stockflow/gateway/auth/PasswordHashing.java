package io.stockflow.gateway.auth;

import io.stockflow.common.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.RejectedExecutionException;

/**
 * bcrypt off the event loop. One check costs a few hundred milliseconds of CPU at cost 12; on a Netty event loop it
 * would stall every request sharing that thread. It runs on a pool of its own rather than on
 * {@code Schedulers.boundedElastic()}: that pool is meant for blocking I/O, is shared, and would let ten threads per
 * core hash at once, so a burst of logins could take every core from routing. Here at most one hash per core runs
 * at a time, a bounded queue waits behind them, and when even that is full a login is answered {@code 503} with
 * {@code Retry-After} instead of piling up.
 */
public final class PasswordHashing implements AutoCloseable {

    private final PasswordEncoder encoder;
    private final Scheduler scheduler;

    public PasswordHashing(PasswordEncoder encoder, int threads, int queuedChecks) {
        this.encoder = encoder;
        this.scheduler = Schedulers.newBoundedElastic(threads, queuedChecks, "password-hashing");
    }

    public Mono<String> hash(String password) {
        return onPool(Mono.fromCallable(() -> encoder.encode(password)));
    }

    public Mono<Boolean> matches(String password, String hash) {
        return onPool(Mono.fromCallable(() -> encoder.matches(password, hash)));
    }

    private <T> Mono<T> onPool(Mono<T> work) {
        return work.subscribeOn(scheduler).onErrorMap(RejectedExecutionException.class,
                e -> Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "password-checks-busy",
                        "Too busy checking passwords", "too many logins are being checked right now; retry in a second",
                        1, e));
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
