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
 * periodically and whenever a token names a key this replica has not seen, rotates on demand or when the current
 * key reaches its age limit.
 * <p>A rotation publishes before it switches: the new key goes into the store at once, so every replica's JWK Set
 * lists it (as the next key) within one reload period, and services' caches within their refresh interval; it
 * signs only {@code activationDelay} later, when the replaced key is retired. Every replica switches at that same
 * instant by its clock, and no service meets a token of a key it could not have fetched already.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyRepository store;
    private final SigningKeyRing ring;
    private final Clock clock;
    /** A retired key verifies this long: a token's lifetime, plus one reload period for replicas still signing with it. */
    private final Duration verifyRetiredFor;
    private final Duration maxKeyAge;
    private final Duration activationDelay;
    private final Duration minReloadInterval = Duration.ofSeconds(5);
    private final AtomicReference<Instant> lastUnknownKeyReload = new AtomicReference<>(Instant.EPOCH);

    /** @param activationDelay how long a new key is published before it signs (see the class comment) */
    public SigningKeys(SigningKeyRepository store, SigningKeyRing ring, Clock clock, Duration tokenLifetime,
                       Duration reloadPeriod, Duration maxKeyAge, Duration activationDelay) {
        this.store = store;
        this.ring = ring;
        this.clock = clock;
        this.verifyRetiredFor = tokenLifetime.plus(reloadPeriod).plusSeconds(30);
        this.maxKeyAge = maxKeyAge;
        this.activationDelay = activationDelay;
    }

    /** At start: a current RSA key exists in the store and in the ring (an Ed25519 one from before is rotated out). */
    public Mono<Void> initialise() {
        Instant now = clock.instant();
        // The first key signs at once; dated a minute back, so that a replica whose clock lags this one's a little
        // finds it signing too (nothing was signed before it).
        return store.createFirst(SigningKey.generate(now, now.minus(Duration.ofMinutes(1)))).then(reload())
                .then(Mono.defer(() -> "RSA".equals(ring.current().publicKey().getAlgorithm()) ? Mono.empty()
                        : rotateUnlessUnderWay()));
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
        Mono<Void> rotateIfOld = ring.current().createdAt().plus(maxKeyAge).isBefore(now) ? rotateUnlessUnderWay()
                : Mono.empty();
        return rotateIfOld.then(store.purgeWithdrawnBefore(now.minus(Duration.ofDays(1)))).then(reload());
    }

    /**
     * Rotation on demand (e.g. after a suspected leak): publishes a new key now, which signs from its
     * {@link SigningKey#activateAt()}; until then the current key signs. A next key already published is replaced
     * by this one too, at this one's activation.
     */
    public Mono<SigningKey> rotate() {
        SigningKey next = nextKey();
        return publish(next, null).thenReturn(next);
    }

    /** Scheduled rotation: none while a next key is published, nor when another replica rotated meanwhile. */
    private Mono<Void> rotateUnlessUnderWay() {
        return ring.next().isPresent() ? Mono.empty() : publish(nextKey(), ring.current().createdAt()).then();
    }

    private SigningKey nextKey() {
        Instant now = clock.instant();
        return SigningKey.generate(now, now.plus(activationDelay));
    }

    /** @return whether {@code next} was stored (see {@link SigningKeyRepository#rotateTo}) */
    private Mono<Boolean> publish(SigningKey next, Instant unlessKeyCreatedAfter) {
        return store.rotateTo(next, next.activateAt().plus(verifyRetiredFor), unlessKeyCreatedAfter)
                .flatMap(added -> reload().doOnSuccess(ignored -> {
                    if (added) {
                        log.info("signing key {} published; it signs from {}", next.kid(), next.activateAt());
                    }
                }).thenReturn(added));
    }
}
