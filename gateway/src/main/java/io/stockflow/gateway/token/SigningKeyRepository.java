package io.stockflow.gateway.token;

import io.stockflow.common.security.SecretSealer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;

/**
 * Signing keys in PostgreSQL, so that every gateway replica signs and verifies with the same keys. Private keys
 * are sealed ({@link SecretSealer}) under the key-encryption key from the environment (a Kubernetes secret).
 */
public final class SigningKeyRepository {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final SecretSealer sealer;

    /** @param keyEncryptionKey null to store private keys unsealed (local runs only; the gateway warns) */
    public SigningKeyRepository(DatabaseClient db, TransactionalOperator transactions, SecretKey keyEncryptionKey) {
        this.db = db;
        this.transactions = transactions;
        this.sealer = keyEncryptionKey == null ? null : new SecretSealer(keyEncryptionKey);
    }

    public Mono<List<SigningKey>> loadVerifying(Instant now) {
        return db.sql("SELECT kid, algorithm, public_key, private_key, sealed, created_at, activate_at, retired_at, "
                        + "withdraw_at FROM gateway.signing_key WHERE withdraw_at IS NULL OR withdraw_at > :now")
                .bind("now", now)
                .map((row, meta) -> {
                    String kid = row.get("kid", String.class);
                    String algorithm = row.get("algorithm", String.class);
                    return new SigningKey(kid, publicKey(algorithm, row.get("public_key", byte[].class)),
                            privateKey(kid, algorithm, row.get("private_key", byte[].class),
                                    Boolean.TRUE.equals(row.get("sealed", Boolean.class))),
                            row.get("created_at", Instant.class), row.get("activate_at", Instant.class),
                            row.get("retired_at", Instant.class), row.get("withdraw_at", Instant.class));
                })
                .all().collectList();
    }

    /**
     * Adds {@code next} and retires every key not retired yet as of its activation, in one transaction, rotations
     * one at a time. The retired keys verify until {@code withdrawRetiredAt}.
     *
     * @param unlessKeyCreatedAfter null to rotate anyway (on demand); else nothing happens when a key newer than this
     *                              exists, i.e. another replica has rotated since this one decided to
     * @return whether {@code next} was added
     */
    public Mono<Boolean> rotateTo(SigningKey next, Instant withdrawRetiredAt, Instant unlessKeyCreatedAfter) {
        Mono<Boolean> alreadyRotated = unlessKeyCreatedAfter == null ? Mono.just(false)
                : db.sql("SELECT count(*) AS n FROM gateway.signing_key WHERE created_at > :since")
                .bind("since", unlessKeyCreatedAfter).map((row, meta) -> row.get("n", Long.class) > 0).one();
        Mono<Long> retire = db.sql("UPDATE gateway.signing_key SET retired_at = :at, withdraw_at = :withdraw "
                        + "WHERE retired_at IS NULL")
                .bind("at", next.activateAt()).bind("withdraw", withdrawRetiredAt).fetch().rowsUpdated();
        Mono<Boolean> rotate = lockKeys().then(alreadyRotated).flatMap(rotated -> rotated ? Mono.just(false)
                : retire.then(insert(next)).thenReturn(true));
        return transactions.transactional(rotate);
    }

    /** Adds the first key unless another replica got there first. */
    public Mono<Void> createFirst(SigningKey first) {
        Mono<Long> onlyIfNone = lockKeys()
                .then(db.sql("SELECT count(*) AS n FROM gateway.signing_key WHERE retired_at IS NULL")
                        .map((row, meta) -> row.get("n", Long.class)).one())
                .flatMap(current -> current > 0 ? Mono.just(0L) : insert(first));
        return transactions.transactional(onlyIfNone).then();
    }

    /** Serialises changes of the keys across replicas, until the transaction ends. */
    private Mono<Long> lockKeys() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('gateway.signing_key'))").fetch().rowsUpdated();
    }

    /** Drops keys withdrawn long ago: nothing they signed can still be live. */
    public Mono<Long> purgeWithdrawnBefore(Instant before) {
        return db.sql("DELETE FROM gateway.signing_key WHERE withdraw_at < :before").bind("before", before)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insert(SigningKey key) {
        return db.sql("INSERT INTO gateway.signing_key (kid, algorithm, public_key, private_key, sealed, created_at, "
                        + "activate_at) VALUES (:kid, :algorithm, :public, :private, :sealed, :created, :activate)")
                .bind("kid", key.kid()).bind("algorithm", key.publicKey().getAlgorithm()).bind("public", key.publicKey().getEncoded())
                .bind("private", seal(key.kid(), key.privateKey().getEncoded()))
                .bind("sealed", sealer != null).bind("created", key.createdAt()).bind("activate", key.activateAt())
                .fetch().rowsUpdated();
    }

    private byte[] seal(String kid, byte[] pkcs8) {
        return sealer == null ? pkcs8 : sealer.seal(kid, pkcs8);
    }

    /** A key stored unsealed (before a key-encryption key was configured) still loads; it is retired in time. */
    private PrivateKey privateKey(String kid, String algorithm, byte[] stored, boolean sealed) {
        if (sealed && sealer == null) {
            throw new IllegalStateException("signing key " + kid + " is sealed but no key-encryption key is "
                    + "configured (STOCKFLOW_KEY_ENCRYPTION_KEY)");
        }
        try {
            byte[] pkcs8 = sealed ? sealer.open(kid, stored) : stored;
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open signing key " + kid
                    + ": is the key-encryption key the one it was sealed with?", e);
        }
    }

    private static PublicKey publicKey(String algorithm, byte[] x509) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable public signing key", e);
        }
    }
}
