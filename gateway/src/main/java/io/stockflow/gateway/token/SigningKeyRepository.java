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
        return db.sql("SELECT kid, algorithm, public_key, private_key, sealed, created_at, retired_at, withdraw_at "
                        + "FROM gateway.signing_key WHERE withdraw_at IS NULL OR withdraw_at > :now")
                .bind("now", now)
                .map((row, meta) -> {
                    String kid = row.get("kid", String.class);
                    String algorithm = row.get("algorithm", String.class);
                    return new SigningKey(kid, publicKey(algorithm, row.get("public_key", byte[].class)),
                            privateKey(kid, algorithm, row.get("private_key", byte[].class),
                                    Boolean.TRUE.equals(row.get("sealed", Boolean.class))),
                            row.get("created_at", Instant.class), row.get("retired_at", Instant.class),
                            row.get("withdraw_at", Instant.class));
                })
                .all().collectList();
    }

    /** Adds a current key and retires the others, in one transaction. */
    public Mono<Void> rotateTo(SigningKey next, Instant now, Instant withdrawRetiredAt) {
        Mono<Long> retire = db.sql("UPDATE gateway.signing_key SET retired_at = :now, withdraw_at = :withdraw "
                        + "WHERE retired_at IS NULL")
                .bind("now", now).bind("withdraw", withdrawRetiredAt).fetch().rowsUpdated();
        return transactions.transactional(retire.then(insert(next))).then();
    }

    /** Adds the first key unless another replica got there first. */
    public Mono<Void> createFirst(SigningKey first) {
        Mono<Long> onlyIfNone = db.sql("SELECT pg_advisory_xact_lock(hashtext('gateway.signing_key'))")
                .fetch().rowsUpdated()
                .then(db.sql("SELECT count(*) AS n FROM gateway.signing_key WHERE retired_at IS NULL")
                        .map((row, meta) -> row.get("n", Long.class)).one())
                .flatMap(current -> current > 0 ? Mono.just(0L) : insert(first));
        return transactions.transactional(onlyIfNone).then();
    }

    /** Drops keys withdrawn long ago: nothing they signed can still be live. */
    public Mono<Long> purgeWithdrawnBefore(Instant before) {
        return db.sql("DELETE FROM gateway.signing_key WHERE withdraw_at < :before").bind("before", before)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insert(SigningKey key) {
        return db.sql("INSERT INTO gateway.signing_key (kid, algorithm, public_key, private_key, sealed, created_at) "
                        + "VALUES (:kid, :algorithm, :public, :private, :sealed, :created)")
                .bind("kid", key.kid()).bind("algorithm", key.publicKey().getAlgorithm()).bind("public", key.publicKey().getEncoded())
                .bind("private", seal(key.kid(), key.privateKey().getEncoded()))
                .bind("sealed", sealer != null).bind("created", key.createdAt())
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
