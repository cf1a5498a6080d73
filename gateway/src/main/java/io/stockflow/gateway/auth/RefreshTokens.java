package io.stockflow.gateway.auth;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Rotating refresh tokens in Redis. A login starts a family; each refresh spends its token and returns the next
 * one of the same family. A spent token presented again means it was stolen (or replayed): the whole family is
 * revoked, so neither the thief nor the victim can refresh any more (OAuth 2.0 Security BCP, refresh token
 * rotation). Only a SHA-256 of each token's secret is stored, so the store leaks no usable token. Spend-and-renew
 * is one Lua script, so two concurrent refreshes with one token cannot both succeed. Each family carries the user's
 * session version as its login saw it; the caller refuses a refresh once the user's version has moved on (password,
 * roles or enabled changed), so such a change ends every login of the user at its next refresh.
 */
public final class RefreshTokens {

    private static final String TOKEN = "sf:gw:refresh:";
    private static final String FAMILY = "sf:gw:family:";
    /** KEYS: spent token, next token, family; ARGV: spent secret hash, next secret hash, ttl seconds. */
    private static final RedisScript<List> ROTATE = RedisScript.of("""
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then return {'unknown'} end
            local h = {}
            for i = 1, #t, 2 do h[t[i]] = t[i + 1] end
            if h['hash'] ~= ARGV[1] then return {'unknown'} end
            local family = KEYS[3] .. h['family']
            if redis.call('GET', family) ~= 'active' then return {'revoked', h['subject']} end
            if h['spent'] == '1' then
              redis.call('SET', family, 'revoked', 'KEEPTTL')
              return {'reused', h['subject']}
            end
            local version = h['version'] or '-1'
            redis.call('HSET', KEYS[1], 'spent', '1')
            redis.call('HSET', KEYS[2], 'family', h['family'], 'subject', h['subject'], 'hash', ARGV[2], 'spent', '0',
              'version', version)
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('EXPIRE', family, ARGV[3])
            return {'rotated', h['subject'], version}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(ReactiveStringRedisTemplate redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    public enum Outcome { ROTATED, REUSED, REVOKED, UNKNOWN }

    /**
     * @param next           the token to use from now on (only when {@code ROTATED})
     * @param sessionVersion the user's session version when the family's login began (only when {@code ROTATED};
     *                       -1 for families from before versions were recorded, which therefore end)
     */
    public record Rotation(Outcome outcome, String subject, String next, long sessionVersion) {
    }

    /**
     * Starts a new family for a fresh login.
     *
     * @param sessionVersion the user's session version as read when the password was checked
     */
    public Mono<String> issue(String subject, long sessionVersion) {
        String family = UUID.randomUUID().toString();
        Token token = Token.create(random);
        return redis.opsForValue().set(FAMILY + family, "active", lifetime)
                .then(redis.opsForHash().putAll(TOKEN + token.id(), java.util.Map.of("family", family,
                        "subject", subject, "hash", token.secretHash(), "spent", "0",
                        "version", Long.toString(sessionVersion))))
                .then(redis.expire(TOKEN + token.id(), lifetime))
                .thenReturn(token.value());
    }

    public Mono<Rotation> rotate(String presented) {
        Token spent = Token.parse(presented);
        if (spent == null) {
            return Mono.just(new Rotation(Outcome.UNKNOWN, null, null, -1));
        }
        Token next = Token.create(random);
        return redis.execute(ROTATE, List.of(TOKEN + spent.id(), TOKEN + next.id(), FAMILY),
                        List.of(spent.secretHash(), next.secretHash(), Long.toString(lifetime.toSeconds())))
                .next()
                .map(result -> {
                    Outcome outcome = Outcome.valueOf(result.get(0).toString().toUpperCase());
                    String subject = result.size() > 1 ? result.get(1).toString() : null;
                    long version = result.size() > 2 ? Long.parseLong(result.get(2).toString()) : -1;
                    return new Rotation(outcome, subject, outcome == Outcome.ROTATED ? next.value() : null, version);
                });
    }

    /** Logout: revokes the token's whole family. Unknown tokens are ignored. */
    public Mono<Void> revoke(String presented) {
        Token token = Token.parse(presented);
        if (token == null) {
            return Mono.empty();
        }
        return redis.opsForHash().multiGet(TOKEN + token.id(), List.of("family", "hash"))
                .filter(values -> values.get(0) != null && token.secretHash().equals(values.get(1)))
                .flatMap(values -> redis.opsForValue().setIfPresent(FAMILY + values.get(0), "revoked"))
                .then();
    }

    /** {@code <id>.<secret>}: the id finds the record, the secret proves possession. */
    private record Token(String id, String secret) {

        static Token create(SecureRandom random) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            return new Token(UUID.randomUUID().toString(), Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(secret));
        }

        static Token parse(String value) {
            if (value == null) {
                return null;
            }
            int dot = value.indexOf('.');
            if (dot < 0) {
                return null;
            }
            try {
                return new Token(UUID.fromString(value.substring(0, dot)).toString(), value.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        String value() {
            return id + "." + secret;
        }

        String secretHash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
    }
}
