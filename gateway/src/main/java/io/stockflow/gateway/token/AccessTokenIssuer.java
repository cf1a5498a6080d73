package io.stockflow.gateway.token;

import io.jsonwebtoken.Jwts;
import io.stockflow.common.security.AccessTokens;
import io.stockflow.common.security.Role;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Signs short-lived access tokens with the key ring's current key, in the shape services verify. */
public final class AccessTokenIssuer {

    private final SigningKeyRing keys;
    private final Clock clock;
    private final Duration lifetime;

    public AccessTokenIssuer(SigningKeyRing keys, Clock clock, Duration lifetime) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    public IssuedToken issue(String subject, Set<Role> roles) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        SigningKey key = keys.current();
        String token = Jwts.builder()
                .header().keyId(key.kid()).and()
                .issuer(AccessTokens.ISSUER).audience().add(AccessTokens.AUDIENCE).and()
                .subject(subject)
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .claim(AccessTokens.ROLES_CLAIM, roles.stream().map(Role::name).sorted().toList())
                .signWith(key.privateKey()) // RS256 for RSA-2048; an older Ed25519 key signs EdDSA until rotated
                .compact();
        return new IssuedToken(token, expires);
    }
}
