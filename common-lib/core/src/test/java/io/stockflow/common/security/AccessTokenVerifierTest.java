package io.stockflow.common.security;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private final KeyPair current = io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair().build();
    private final KeyPair previous = io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair().build();
    private final Map<String, PublicKey> published = new HashMap<>(Map.of(
            "k2", current.getPublic(), "k1", previous.getPublic()));
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(published::get,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private io.jsonwebtoken.JwtBuilder token(String kid, List<String> roles, Instant expires) {
        return Jwts.builder().header().keyId(kid).and()
                .issuer(AccessTokens.ISSUER).audience().add(AccessTokens.AUDIENCE).and()
                .subject("alice").id("jti-1").issuedAt(Date.from(NOW.minusSeconds(60)))
                .expiration(Date.from(expires)).claim(AccessTokens.ROLES_CLAIM, roles);
    }

    private String signed(String kid, KeyPair keys, List<String> roles) {
        return token(kid, roles, NOW.plus(Duration.ofMinutes(15))).signWith(keys.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
    }

    @Test
    void acceptsATokenOfTheCurrentKeyAndReadsItsRoles() {
        AuthenticatedPrincipal principal = verifier.verify(signed("k2", current, List.of("PLANNER", "VIEWER")));
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.roles()).containsExactlyInAnyOrder(Role.PLANNER, Role.VIEWER);
        assertThat(principal.hasAnyRole(Role.ADMIN, Role.PLANNER)).isTrue();
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aRotatedOutKeyVerifiesUntilItIsWithdrawn() {
        String old = signed("k1", previous, List.of("VIEWER"));
        assertThat(verifier.verify(old).roles()).containsExactly(Role.VIEWER);
        published.remove("k1");
        assertThatThrownBy(() -> verifier.verify(old)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        String none = token("k2", List.of("ADMIN"), NOW.plusSeconds(600)).compact();
        assertThat(none).endsWith(".");
        assertThatThrownBy(() -> verifier.verify(none)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderAKnownKeyId() {
        KeyPair attacker = io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair().build();
        assertThatThrownBy(() -> verifier.verify(signed("k2", attacker, List.of("ADMIN"))))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() {
        SecretKey confused = Keys.hmacShaKeyFor(pad(current.getPublic().getEncoded()));
        String hmac = token("k2", List.of("ADMIN"), NOW.plusSeconds(600)).signWith(confused, Jwts.SIG.HS256)
                .compact();
        assertThatThrownBy(() -> verifier.verify(hmac)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATamperedRoleClaim() {
        String[] parts = signed("k2", current, List.of("VIEWER")).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"VIEWER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesExpiredForeignAndMalformedTokens() {
        String expired = token("k2", List.of("VIEWER"), NOW.minusSeconds(31)).signWith(current.getPrivate(),
                Jwts.SIG.EdDSA).compact();
        String otherAudience = token("k2", List.of("VIEWER"), NOW.plusSeconds(600)).audience().add("someone-else")
                .and().signWith(current.getPrivate(), Jwts.SIG.EdDSA).compact();
        String unknownKid = signed("k9", current, List.of("VIEWER"));
        String unknownRole = signed("k2", current, List.of("ROOT"));
        for (String bad : List.of(expired, unknownKid, unknownRole, "not-a-token", "")) {
            assertThatThrownBy(() -> verifier.verify(bad)).as(bad).isInstanceOf(InvalidTokenException.class);
        }
        // an extra audience is fine as long as Stockflow's is there; a token for another audience only is not
        assertThat(verifier.verify(otherAudience).subject()).isEqualTo("alice");
        String foreign = Jwts.builder().header().keyId("k2").and().issuer(AccessTokens.ISSUER)
                .audience().add("someone-else").and().subject("alice").expiration(Date.from(NOW.plusSeconds(600)))
                .claim(AccessTokens.ROLES_CLAIM, List.of("VIEWER"))
                .signWith(current.getPrivate(), Jwts.SIG.EdDSA).compact();
        assertThatThrownBy(() -> verifier.verify(foreign)).isInstanceOf(InvalidTokenException.class);
    }

    private static byte[] pad(byte[] key) {
        byte[] padded = new byte[Math.max(32, key.length)];
        System.arraycopy(key, 0, padded, 0, key.length);
        return padded;
    }
}
