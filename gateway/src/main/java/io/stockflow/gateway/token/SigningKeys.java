package io.stockflow.gateway.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps this replica's {@link SigningKeyRing} in step with the shared store: creates the first key, reloads
 * periodically and whenever a token names a key this replica has not seen (another replica rotated), rotates on
 * demand or when the current key reaches its age limit.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyRepository store;
    private final SigningKeyRing ring;
    private final Clock clock;
    /** A retired key verifies this long: a token's lifetime, plus one reload period for replicas still signing with it. */
    private final Duration verifyRetiredFor;
    private final Duration maxKeyAge;
    private final Duration minReloadInterval = Duration.ofSeconds(5);
    private final AtomicReference<Instant> lastUnknownKeyReload = new AtomicReference<>(Instant.EPOCH);

    public SigningKeys(SigningKeyRepository store, SigningKeyRing ring, Clock clock, Duration tokenLifetime,
                       Duration reloadPeriod, Duration maxKeyAge) {
        this.store = store;
        this.ring = ring;
        this.clock = clock;
        this.verifyRetiredFor = tokenLifetime.plus(reloadPeriod).plusSeconds(30);
        this.maxKeyAge = maxKeyAge;
    }

    /** At start: a current RSA key exists in the store and in the ring (an Ed25519 one from before is rotated out). */
    public Mono<Void> initialise() {
        return store.createFirst(SigningKey.generate(clock.instant())).then(reload())
                .then(Mono.defer(() -> "RSA".equals(ring.current().publicKey().getAlgorithm()) ? Mono.empty()
                        : rotate().then()));
    }

    public Mono<Void> reload() {
        return store.loadVerifying(clock.instant()).doOnNext(ring::install).then();
    }

    /** Called when a token names an unknown key id; reloads at most every few seconds, whatever callers send. */
    public Mono<Void> reloadForUnknownKey() {
        Instant last = lastUnknownKeyReload.get();
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(minReloadInterval) < 0
                || !lastUnknownKeyReload.compareAndSet(last, now)) {
            return Mono.empty();
        }
        return reload();
    }

    /** Periodic upkeep: rotate an over-age key, drop long-withdrawn ones, reload. */
    public Mono<Void> maintain() {
        Instant now = clock.instant();
        Mono<Void> rotateIfOld = ring.current().createdAt().plus(maxKeyAge).isBefore(now) ? rotate().then() : Mono.empty();
        return rotateIfOld.then(store.purgeWithdrawnBefore(now.minus(Duration.ofDays(1)))).then(reload());
    }

    public Mono<SigningKey> rotate() {
        Instant now = clock.instant();
        SigningKey next = SigningKey.generate(now);
        return store.rotateTo(next, now, now.plus(verifyRetiredFor)).then(reload())
                .doOnSuccess(ignored -> log.info("signing key rotated; new key id {}", next.kid()))
                .thenReturn(next);
    }
}
