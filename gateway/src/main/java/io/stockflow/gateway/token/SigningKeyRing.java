package io.stockflow.gateway.token;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.stockflow.common.json.StockflowJson;
import tools.jackson.databind.JsonNode;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys this gateway replica knows, as last loaded from the shared store: new tokens are signed with
 * the most recently activated key that signs now; every key not yet withdrawn verifies, so a rotation never
 * invalidates a live token. The public half of every verifying key, the next one (not signing yet) included, is
 * published as a JWK Set. Which key signs follows the clock, not the reloads: every replica switches to the next
 * key at its activation time, having loaded it well before (see {@link SigningKeys}).
 */
public final class SigningKeyRing {

    private final Clock clock;
    private volatile List<SigningKey> keys = List.of();

    public SigningKeyRing(Clock clock) {
        this.clock = clock;
    }

    /** Replaces what this replica knows (the store is the truth). */
    public void install(Collection<SigningKey> loaded) {
        Instant now = clock.instant();
        if (loaded.stream().noneMatch(k -> k.signsAt(now))) {
            throw new IllegalArgumentException("a key ring needs a key that signs now");
        }
        keys = loaded.stream().sorted(Comparator.comparing(SigningKey::activateAt)
                .thenComparing(SigningKey::createdAt).reversed()).toList();
    }

    /** The key that signs new tokens now: the most recently activated one. */
    public SigningKey current() {
        Instant now = clock.instant();
        return keys.stream().filter(k -> k.signsAt(now)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no signing key loaded yet"));
    }

    /** The key published to sign next, while there is one. */
    public Optional<SigningKey> next() {
        Instant now = clock.instant();
        return keys.stream().filter(k -> k.isNextAt(now)).findFirst();
    }

    public String currentKeyId() {
        return current().kid();
    }

    /** @return the public key of a key id that still verifies, or null */
    public PublicKey publicKey(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid) && k.verifiesAt(clock.instant())).findFirst()
                .map(SigningKey::publicKey).orElse(null);
    }

    public List<SigningKey> keys() {
        return keys;
    }

    /** {@code /.well-known/jwks.json}: the public keys that currently verify, never a private part. */
    public String jwksJson() {
        List<JsonNode> published = keys.stream().filter(k -> k.verifiesAt(clock.instant()))
                .map(k -> jwk(k.kid(), k.publicKey())).toList();
        return StockflowJson.mapper().writeValueAsString(Map.of("keys", published));
    }

    /** jjwt writes the JWK (public members only, by construction of {@code Jwks.json}); we only nest it. */
    private static JsonNode jwk(String kid, PublicKey key) {
        PublicJwk<?> jwk = Jwks.builder().key(key).id(kid).publicKeyUse("sig").build();
        return StockflowJson.mapper().readTree(Jwks.json(jwk));
    }
}
