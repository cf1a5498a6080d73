package io.stockflow.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of API keys: {@code sfk_<id>_<secret>}, where the id (8 random bytes, hex) finds the row and the
 * secret (32 random bytes, base64url) proves possession. Only SHA-256 of the secret is stored: with 256 random bits
 * a slow password hash adds nothing but latency on every request.
 */
final class ApiKeySecrets {

    static final String PREFIX = "sfk_";
    private static final Pattern FORMAT = Pattern.compile("sfk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Parsed(String id, String secret) {
    }

    record Generated(String id, String key, byte[] secretHash) {
    }

    private ApiKeySecrets() {
    }

    static Generated generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(idHex, PREFIX + idHex + "_" + secretText, hash(secretText));
    }

    /** @return null when the text is not shaped like a Stockflow API key */
    static Parsed parse(String key) {
        Matcher m = FORMAT.matcher(key.trim());
        return m.matches() ? new Parsed(m.group(1), m.group(2)) : null;
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }
}
