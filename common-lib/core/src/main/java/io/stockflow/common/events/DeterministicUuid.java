package io.stockflow.common.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs, version 5 (SHA-1, RFC 9562 section 5.5). The JDK only offers version 3 (MD5). The same fact
 * (for example a transaction line) always maps to the same event id, so a re-published event is recognised as the
 * same event downstream.
 */
public final class DeterministicUuid {

    /** One digest per thread: looking one up costs more than hashing a short name. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    });

    /** Namespace of Stockflow's own names, itself a v5 UUID of "stockflow.io" in the RFC's DNS namespace. */
    public static final UUID STOCKFLOW_NAMESPACE = v5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
            "stockflow.io");

    private DeterministicUuid() {
    }

    public static UUID v5(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }

    public static UUID of(String name) {
        return v5(STOCKFLOW_NAMESPACE, name);
    }
}
