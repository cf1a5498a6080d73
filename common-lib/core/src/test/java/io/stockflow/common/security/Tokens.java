package io.stockflow.common.security;

import io.jsonwebtoken.Jwts;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Access tokens shaped as the gateway signs them, plus the bad ones a service must refuse. */
final class Tokens {

    private Tokens() {
    }

    static String signed(String kid, KeyPair keys, Instant now, String... roles) {
        return builder(kid, now, now.plus(Duration.ofMinutes(15)), roles).signWith(keys.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
    }

    static String expired(String kid, KeyPair keys, Instant now, String... roles) {
        return builder(kid, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(5)), roles)
                .signWith(keys.getPrivate(), Jwts.SIG.EdDSA).compact();
    }

    static String unsigned(String kid, Instant now, String... roles) {
        return builder(kid, now, now.plus(Duration.ofMinutes(15)), roles).compact();
    }

    /** A valid token whose payload had one role swapped for another after signing. */
    static String tampered(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + from + "\"", "\"" + to + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static io.jsonwebtoken.JwtBuilder builder(String kid, Instant issued, Instant expires, String... roles) {
        return Jwts.builder().header().keyId(kid).and()
                .issuer(AccessTokens.ISSUER).audience().add(AccessTokens.AUDIENCE).and()
                .subject("alice").id("jti-1").issuedAt(Date.from(issued)).expiration(Date.from(expires))
                .claim(AccessTokens.ROLES_CLAIM, List.of(roles));
    }
}
