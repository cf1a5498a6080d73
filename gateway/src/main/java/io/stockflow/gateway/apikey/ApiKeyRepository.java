package io.stockflow.gateway.apikey;

import io.stockflow.common.security.Role;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** API keys in PostgreSQL (schema {@code gateway}). */
public final class ApiKeyRepository {

    private static final String COLUMNS = "id, name, roles, created_by, created_at, expires_at, last_used_at, "
            + "revoked_at, revoked_by";

    private final DatabaseClient db;

    public ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    record Stored(ApiKey key, byte[] secretHash) {
    }

    Mono<Void> insert(ApiKey key, byte[] secretHash) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO gateway.api_key "
                        + "(id, name, secret_hash, roles, created_by, created_at, expires_at) "
                        + "VALUES (:id, :name, :hash, :roles, :by, :at, :expires)")
                .bind("id", key.id()).bind("name", key.name()).bind("hash", secretHash)
                .bind("roles", key.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .bind("by", key.createdBy()).bind("at", key.createdAt());
        return (key.expiresAt() == null ? insert.bindNull("expires", Instant.class)
                : insert.bind("expires", key.expiresAt())).then();
    }

    Mono<Stored> find(String id) {
        return db.sql("SELECT " + COLUMNS + ", secret_hash FROM gateway.api_key WHERE id = :id").bind("id", id)
                .map(row -> new Stored(apiKey(row), row.get("secret_hash", byte[].class))).one();
    }

    Flux<ApiKey> all() {
        return db.sql("SELECT " + COLUMNS + " FROM gateway.api_key ORDER BY created_at DESC").map(ApiKeyRepository::apiKey)
                .all();
    }

    /** @return whether a live key was revoked now */
    Mono<Boolean> revoke(String id, String by, Instant at) {
        return db.sql("UPDATE gateway.api_key SET revoked_at = :at, revoked_by = :by "
                        + "WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("by", by).bind("at", at).fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> touch(String id, Instant at) {
        return db.sql("UPDATE gateway.api_key SET last_used_at = :at WHERE id = :id").bind("id", id).bind("at", at)
                .then();
    }

    private static ApiKey apiKey(Readable row) {
        return new ApiKey(row.get("id", String.class), row.get("name", String.class),
                roles(row.get("roles", String[].class)), row.get("created_by", String.class),
                row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                row.get("last_used_at", Instant.class), row.get("revoked_at", Instant.class),
                row.get("revoked_by", String.class));
    }

    private static Set<Role> roles(String[] names) {
        return Arrays.stream(names).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
