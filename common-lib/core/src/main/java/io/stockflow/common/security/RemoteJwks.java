package io.stockflow.common.security;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's public signing keys, fetched from its JWK Set ({@code /.well-known/jwks.json}) and cached.
 * <ul>
 *   <li>Fetched on demand, never on a Netty thread's time: {@link #prepare(String, Instant)} returns at once when
 *   the cache can answer, else a {@link Mono} that completes when the (non-blocking) fetch has.</li>
 *   <li>A key id the cache does not know triggers one refresh (the gateway rotated). Refreshes are at most one per
 *   {@code minRefreshGap}, so a flood of tokens with made-up key ids cannot turn into a flood of requests to the
 *   gateway; but a token issued since the last fetch began may be signed by a key that set cannot hold yet, so it
 *   refreshes at once, gap or no gap, only never twice within {@link #NEWER_TOKEN_REFRESH_GAP}. Without that, a
 *   token of a just-activated key would be refused for up to {@code minRefreshGap} whenever some refresh happened a
 *   moment before it. Concurrent callers share the one fetch in flight.</li>
 *   <li>A set older than {@code refreshInterval} is fetched again, so withdrawn keys disappear.</li>
 *   <li>When the gateway does not answer, the last set fetched keeps serving until it is {@code maxAge} old;
 *   after that (or when none was ever fetched) {@link #prepare(String, Instant)} fails with
 *   {@link SigningKeysUnavailableException}: verification fails closed.</li>
 *   <li>Only public signature keys are taken: Ed25519 (the gateway's) or RSA, with a key id and {@code use}
 *   {@code sig} or no {@code use}. Anything else in the set is ignored.</li>
 * </ul>
 */
public final class RemoteJwks {

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");
    /**
     * The floor between refreshes for unknown key ids of tokens newer than the cached set. Not configured: it only
     * bounds what forged tokens claiming to be new can cost (one fetch a second per service instance).
     */
    static final Duration NEWER_TOKEN_REFRESH_GAP = Duration.ofSeconds(1);

    /** What one successful fetch returned, and when. */
    private record KeySet(Map<String, PublicKey> keys, Instant fetchedAt) {
    }

    /** How often and how long; see the class comment. */
    public record Timing(Duration refreshInterval, Duration minRefreshGap, Duration maxAge, Duration fetchTimeout) {
    }

    private final WebClient client;
    private final URI uri;
    private final Clock clock;
    private final Timing timing;

    private volatile KeySet current;
    private Instant lastAttempt = Instant.EPOCH;          // guarded by this
    private CompletableFuture<KeySet> inFlight;           // guarded by this

    public RemoteJwks(WebClient client, URI uri, Clock clock, Timing timing) {
        this.client = client;
        this.uri = uri;
        this.clock = clock;
        this.timing = timing;
    }

    /**
     * Makes sure the cache is as good as it may be for this key id: completes at once when the key is known and
     * the set fresh, else after a refresh (or without one, when the last was too recent). Errors with
     * {@link SigningKeysUnavailableException} when no usable set is left; an unknown key id is not an error here,
     * {@link #key(String)} then answers null.
     *
     * @param issuedAt the token's {@code iat} as it claims it (unverified: it only decides whether an unknown key id
     *                 is worth a refresh at once), or null
     */
    public Mono<Void> prepare(String keyId, Instant issuedAt) {
        Instant now = clock.instant();
        KeySet set = current;
        boolean stale = set == null || !now.isBefore(set.fetchedAt().plus(timing.refreshInterval()));
        boolean known = set != null && set.keys().containsKey(keyId);
        if (!stale && known) {
            return Mono.empty();
        }
        CompletableFuture<KeySet> refresh = refresh(now, known ? null : issuedAt);
        Mono<Void> afterRefresh = refresh == null ? Mono.empty()
                // suppressCancel: a caller that goes away must not cancel the fetch others wait for
                : Mono.fromFuture(refresh, true).onErrorResume(e -> Mono.empty()).then();
        return afterRefresh.then(Mono.defer(() -> usable(clock.instant()) != null ? Mono.<Void>empty()
                : Mono.error(new SigningKeysUnavailableException("no public keys from " + uri
                + " younger than " + timing.maxAge(), null))));
    }

    /** The key now published under this id (no I/O), or null when unknown or the set is too old to trust. */
    public PublicKey key(String keyId) {
        KeySet set = usable(clock.instant());
        return set == null || keyId == null ? null : set.keys().get(keyId);
    }

    private KeySet usable(Instant now) {
        KeySet set = current;
        return set != null && now.isBefore(set.fetchedAt().plus(timing.maxAge())) ? set : null;
    }

    /**
     * The fetch in flight, a new one, or null when the last attempt was too recent.
     *
     * @param unknownKeyIssuedAt when the token naming an unknown key id claims it was issued, else null
     */
    private synchronized CompletableFuture<KeySet> refresh(Instant now, Instant unknownKeyIssuedAt) {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        // iat counts whole seconds: a token issued in the second the last fetch began may be newer than that set
        boolean newerThanSet = unknownKeyIssuedAt != null
                && !unknownKeyIssuedAt.isBefore(lastAttempt.truncatedTo(ChronoUnit.SECONDS));
        Duration gap = newerThanSet ? NEWER_TOKEN_REFRESH_GAP : timing.minRefreshGap();
        if (now.isBefore(lastAttempt.plus(gap))) {
            return null;
        }
        lastAttempt = now;
        CompletableFuture<KeySet> fetch = fetch().toFuture();
        inFlight = fetch;
        // a done fetch is no longer in flight, whether or not this ran yet (callers may see it done first)
        fetch.whenComplete((set, error) -> {
            synchronized (this) {
                if (inFlight == fetch) {
                    inFlight = null;
                }
            }
        });
        return fetch;
    }

    private Mono<KeySet> fetch() {
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON, JWK_SET)
                .retrieve().bodyToMono(String.class)
                .timeout(timing.fetchTimeout())
                .map(json -> new KeySet(parse(json), clock.instant()))
                .doOnNext(set -> {
                    current = set;
                    log.debug("public keys from {}: {}", uri, set.keys().keySet());
                })
                .doOnError(e -> log.warn("cannot fetch the public keys from {}: {}", uri, e.toString()));
    }

    /** The usable keys of a JWK Set document; throws when the document is not a JWK Set at all. */
    static Map<String, PublicKey> parse(String json) {
        JwkSet set = Jwks.setParser().build().parse(json);
        Map<String, PublicKey> keys = new HashMap<>();
        for (Jwk<?> jwk : set.getKeys()) {
            if (jwk instanceof PublicJwk<?> publicJwk && jwk.getId() != null
                    && (publicJwk.getPublicKeyUse() == null || "sig".equals(publicJwk.getPublicKeyUse()))
                    && isSignatureKey(publicJwk.toKey())) {
                keys.put(jwk.getId(), publicJwk.toKey());
            }
        }
        return Map.copyOf(keys);
    }

    private static final Set<String> EDDSA_CURVES = Set.of("Ed25519", "Ed448");

    private static boolean isSignatureKey(PublicKey key) {
        // X25519 keys are also OKP keys in a JWK Set, but key agreement keys: never accept them for signatures.
        return key instanceof RSAPublicKey
                || key instanceof EdECPublicKey ed && EDDSA_CURVES.contains(ed.getParams().getName());
    }
}
