package io.stockflow.common.security;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Seals secrets at rest (the gateway's signing keys, notification channels' credentials) with AES-256-GCM under the
 * key-encryption key: a random 96-bit nonce per seal, and the owner's id as associated data, so a sealed value
 * moved onto another row no longer opens.
 */
public final class SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey keyEncryptionKey;

    public SecretSealer(SecretKey keyEncryptionKey) {
        this.keyEncryptionKey = keyEncryptionKey;
    }

    public byte[] seal(String kid, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the secret of " + kid, e);
        }
    }

    /** The key-encryption key from its base64 form (32 bytes); empty when none is configured. */
    public static java.util.Optional<SecretKey> keyFromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            return java.util.Optional.empty();
        }
        byte[] raw = java.util.Base64.getDecoder().decode(base64.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("the key-encryption key must be base64 of 32 bytes, not " + raw.length);
        }
        return java.util.Optional.of(new javax.crypto.spec.SecretKeySpec(raw, "AES"));
    }

    /** @throws GeneralSecurityException when the bytes were tampered with, or sealed under another key or key id */
    public byte[] open(String kid, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
