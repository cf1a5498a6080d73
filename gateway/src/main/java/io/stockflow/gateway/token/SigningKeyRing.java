package io.stockflow.gateway.token;

import io.jsonwebtoken.security.Jwks;
import io.stockflow.common.json.StockflowJson;
import io.jsonwebtoken.security.PublicJwk;
import tools.jackson.databind.JsonNode;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's signing keys (Ed25519). New tokens are signed with the current key; after a rotation the former
 * key keeps verifying for as long as tokens it signed can live, then it is withdrawn — rotation without
 * downtime. The public half of every live key is published as a JWK Set.
 */
public final class SigningKeyRing {

    private record RetiredKey(PublicKey key, Instant withdrawAt) {
    }

    private final Clock clock;
    private final Duration tokenLifetime;
    private String currentKid;
    private KeyPair current;
    private final Map<String, RetiredKey> retired = new LinkedHashMap<>();

    public SigningKeyRing(Clock clock, Duration tokenLifetime) {
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        rotate();
    }

    /** Starts signing with a fresh key; the former one verifies until its last token has expired. */
    public synchronized void rotate() {
        if (current != null) {
            retired.put(currentKid, new RetiredKey(current.getPublic(), clock.instant().plus(tokenLifetime)));
        }
        current = Jwks.CRV.Ed25519.keyPair().build();
        currentKid = UUID.randomUUID().toString();
    }

    public synchronized String currentKeyId() {
        return currentKid;
    }

    synchronized PrivateKey currentPrivateKey() {
        return current.getPrivate();
    }

    /** @return the public key of a live key id, or null */
    public synchronized PublicKey publicKey(String kid) {
        withdrawExpired();
        if (currentKid.equals(kid)) {
            return current.getPublic();
        }
        RetiredKey old = retired.get(kid);
        return old == null ? null : old.key();
    }

    /** {@code /.well-known/jwks.json}: the public keys that currently verify, never a private part. */
    public synchronized String jwksJson() {
        withdrawExpired();
        List<JsonNode> published = new ArrayList<>();
        published.add(jwk(currentKid, current.getPublic()));
        retired.forEach((kid, old) -> published.add(jwk(kid, old.key())));
        return StockflowJson.mapper().writeValueAsString(Map.of("keys", published));
    }

    /** jjwt writes the JWK (public members only, by construction of {@code Jwks.json}); we only nest it. */
    private static JsonNode jwk(String kid, PublicKey key) {
        PublicJwk<?> jwk = Jwks.builder().key(key).id(kid).publicKeyUse("sig").build();
        return StockflowJson.mapper().readTree(Jwks.json(jwk));
    }

    private void withdrawExpired() {
        Instant now = clock.instant();
        retired.values().removeIf(old -> !old.withdrawAt().isAfter(now));
    }
}
