package io.stockflow.gateway.apikey;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, lists, revokes and checks API keys. Checked keys are remembered for a few seconds so that a busy POS
 * client does not cost a database read per request; a revocation therefore takes effect on every replica within
 * {@code cacheFor}. The last-used time is written at most once a minute per key.
 */
public final class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** The subject of tokens minted for a key; services see which key called. */
    public static final String SUBJECT_PREFIX = "api-key:";

    private record Cached(ApiKeyRepository.Stored stored, Instant until) {
    }

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> checked = new ConcurrentHashMap<>();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyRepository keys, Clock clock, Duration cacheFor) {
        this.keys = keys;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** A new key and its secret, which is never shown again. */
    public record Created(ApiKey apiKey, String key) {
    }

    public Mono<Created> create(String name, Set<Role> roles, Duration validFor, String createdBy) {
        if (roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("API keys cannot hold ADMIN");
        }
        ApiKeySecrets.Generated generated = ApiKeySecrets.generate();
        Instant now = clock.instant();
        ApiKey key = new ApiKey(generated.id(), name, roles, createdBy, now, validFor == null ? null : now.plus(validFor),
                null, null, null);
        return keys.insert(key, generated.secretHash())
                .doOnSuccess(ignored -> log.info("API key {} '{}' created by {} with roles {}", key.prefix(), name,
                        createdBy, roles))
                .thenReturn(new Created(key, generated.key()));
    }

    public Flux<ApiKey> list() {
        return keys.all();
    }

    /** @return whether a live key was revoked */
    public Mono<Boolean> revoke(String id, String by) {
        return keys.revoke(id, by, clock.instant()).doOnNext(revoked -> {
            checked.remove(id);
            if (revoked) {
                log.info("API key {}{} revoked by {}", ApiKeySecrets.PREFIX, id, by);
            }
        });
    }

    /** @return who the key speaks for, or empty when it is malformed, unknown, revoked or expired */
    public Mono<AuthenticatedPrincipal> authenticate(String presented) {
        ApiKeySecrets.Parsed parsed = ApiKeySecrets.parse(presented);
        if (parsed == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        Cached cached = checked.get(parsed.id());
        Mono<ApiKeyRepository.Stored> stored = cached != null && cached.until().isAfter(now) ? Mono.just(cached.stored())
                : keys.find(parsed.id()).doOnNext(s -> checked.put(parsed.id(), new Cached(s, now.plus(cacheFor))));
        return stored
                .filter(s -> s.key().usableAt(now) && ApiKeySecrets.matches(parsed.secret(), s.secretHash()))
                .map(s -> {
                    touch(parsed.id(), now);
                    Instant expires = s.key().expiresAt();
                    return new AuthenticatedPrincipal(SUBJECT_PREFIX + parsed.id(), s.key().roles(), expires, null);
                });
    }

    private void touch(String id, Instant now) {
        Instant last = touched.get(id);
        if (last == null || Duration.between(last, now).compareTo(TOUCH_EVERY) >= 0) {
            touched.put(id, now);
            keys.touch(id, now).subscribe(null, e -> log.warn("could not record last use of API key {}", id, e));
        }
    }
}
