package io.stockflow.gateway.token;

import io.jsonwebtoken.Jwts;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One RSA-2048 signing key (RS256). RSA rather than Ed25519: verification runs twice on every request (gateway
 * and service) and the JDK verifies RS256 about 15 times faster (0.08 against 1.25 ms here).
 * <p>A key is published (verifies, and is in the JWK Set) from its creation; it signs from {@code activateAt}
 * until {@code retiredAt} (null: until a successor activates); it verifies until {@code withdrawAt}, when the last
 * token it signed has expired. A key between creation and activation is the <em>next</em> key: every replica and
 * service gets to know it before any replica signs with it.
 */
public record SigningKey(String kid, PublicKey publicKey, PrivateKey privateKey, Instant createdAt,
                         Instant activateAt, Instant retiredAt, Instant withdrawAt) {

    /** A key that signs at once: the very first one, when nobody can hold a token yet. */
    public static SigningKey generate(Instant now) {
        return generate(now, now);
    }

    /** A key published now that signs from {@code activateAt} on. */
    public static SigningKey generate(Instant now, Instant activateAt) {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        return new SigningKey(UUID.randomUUID().toString(), pair.getPublic(), pair.getPrivate(), now, activateAt,
                null, null);
    }

    /** @param verifyFor how long tokens it signed may still be presented after it stops signing */
    public SigningKey retire(Instant at, Duration verifyFor) {
        return new SigningKey(kid, publicKey, privateKey, createdAt, activateAt, at, at.plus(verifyFor));
    }

    boolean signsAt(Instant now) {
        return !activateAt.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
    }

    /** Published, not signing yet. */
    boolean isNextAt(Instant now) {
        return activateAt.isAfter(now);
    }

    boolean verifiesAt(Instant now) {
        return withdrawAt == null || withdrawAt.isAfter(now);
    }
}
