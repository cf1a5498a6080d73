package io.stockflow.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies Stockflow access tokens: a JWS signed with one of the gateway's public keys, chosen by the {@code kid}
 * header, with Stockflow's issuer and audience, unexpired, and a list of known roles. Unsigned tokens
 * ({@code alg: none}), tokens signed by any other key, or with an HMAC algorithm that would use a public key as a
 * secret, are refused by jjwt before any claim is read. Used by the gateway and, so that a request that bypasses
 * the gateway is not trusted either, by every service.
 */
public final class AccessTokenVerifier {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final io.jsonwebtoken.JwtParser parser;
    private final Clock clock;
    private final Function<String, PublicKey> publicKeysById;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(20)).build();

    /**
     * @param publicKeysById the gateway's public keys by key id (a rotated-out key stays until its tokens expire);
     *                       returns null for an unknown id
     */
    public AccessTokenVerifier(Function<String, PublicKey> publicKeysById, Clock clock) {
        this.clock = clock;
        this.publicKeysById = publicKeysById;
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        PublicKey key = header.getKeyId() == null ? null : publicKeysById.apply(header.getKeyId());
                        if (key == null) {
                            throw new io.jsonwebtoken.security.InvalidKeyException("unknown key id "
                                    + header.getKeyId());
                        }
                        return key;
                    }
                })
                .requireIssuer(AccessTokens.ISSUER)
                .requireAudience(AccessTokens.AUDIENCE)
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(CLOCK_SKEW.toSeconds())
                .build();
    }

    /**
     * @return who the token speaks for. A token already verified is answered from memory until it expires: a
     * client sends the same token for its whole life, and parsing plus an RSA check on every request was a tenth
     * of the gateway's CPU. Only the exact same string hits, so nothing unverified ever does.
     */
    public AuthenticatedPrincipal verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            // still unexpired, and its key still published (a withdrawn key takes its tokens with it)
            if (clock.instant().isBefore(known.principal().expiresAt().plus(CLOCK_SKEW))
                    && publicKeysById.apply(known.kid()) != null) {
                return known.principal();
            }
            verified.invalidate(token);
        }
        Verified fresh = parse(token);
        verified.put(token, fresh);
        return fresh.principal();
    }

    private record Verified(AuthenticatedPrincipal principal, String kid) {
    }

    private Verified parse(String token) {
        Claims claims;
        String kid;
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            claims = jws.getPayload();
            kid = jws.getHeader().getKeyId();
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("invalid access token: " + e.getMessage(), e);
        }
        if (claims.getExpiration() == null || claims.getSubject() == null) {
            throw new InvalidTokenException("access tokens must name a subject and an expiry", null);
        }
        return new Verified(new AuthenticatedPrincipal(claims.getSubject(), roles(claims.get(AccessTokens.ROLES_CLAIM)),
                claims.getExpiration().toInstant(), claims.getId()), kid);
    }

    private static Set<Role> roles(Object claim) {
        if (!(claim instanceof List<?> names)) {
            throw new InvalidTokenException("the roles claim must be a list", null);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name)));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("unknown role " + name, e);
            }
        }
        return roles;
    }
}
