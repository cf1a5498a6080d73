package io.stockflow.common.security;

import io.stockflow.common.json.StockflowJson;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks a bearer token against the gateway's published keys without blocking: the only I/O (fetching the keys
 * when the token names one the cache does not know, or the cache is due) happens in {@link RemoteJwks}; the
 * signature and claims check itself is {@link AccessTokenVerifier}'s, CPU only.
 */
public final class TokenAuthenticator {

    private final RemoteJwks keys;
    private final AccessTokenVerifier verifier;

    public TokenAuthenticator(RemoteJwks keys, Clock clock) {
        this.keys = keys;
        this.verifier = new AccessTokenVerifier(keys::key, clock);
    }

    /**
     * @return who the token speaks for; errors with {@link InvalidTokenException} when it must not be trusted, or
     * {@link SigningKeysUnavailableException} when no keys are at hand to tell
     */
    public Mono<AuthenticatedPrincipal> authenticate(String bearerToken) {
        String keyId;
        try {
            keyId = keyIdOf(bearerToken);
        } catch (RuntimeException e) {
            return Mono.error(e instanceof InvalidTokenException invalid ? invalid
                    : new InvalidTokenException("unreadable token header: " + e.getMessage(), e));
        }
        return keys.prepare(keyId, issuedAtOf(bearerToken))
                .then(Mono.fromCallable(() -> verifier.verify(bearerToken)));
    }

    /**
     * The {@code kid} of the token's header, read before the signature is checked only to know which key to fetch;
     * nothing else of the unverified token is used but its {@link #issuedAtOf(String) iat}, for when to fetch.
     */
    static String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new InvalidTokenException("not a JWS", null);
        }
        byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
        JsonNode kid = StockflowJson.mapper().readTree(new String(header, StandardCharsets.UTF_8)).get("kid");
        if (kid == null || !kid.isString() || kid.asString().isBlank()) {
            throw new InvalidTokenException("the token names no key id", null);
        }
        return kid.asString();
    }

    /**
     * The {@code iat} the token claims, unverified: it only tells {@link RemoteJwks} whether the token may be newer
     * than the cached keys. Null when absent or unreadable (the verifier judges the token itself).
     */
    static Instant issuedAtOf(String token) {
        try {
            String[] parts = token.split("\\.", 3);
            JsonNode iat = StockflowJson.mapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8)).get("iat");
            return iat != null && iat.isIntegralNumber() ? Instant.ofEpochSecond(iat.asLong()) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
