package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Users in PostgreSQL (schema {@code gateway}). */
public final class UserAccountRepository {

    private final DatabaseClient db;

    public UserAccountRepository(DatabaseClient db) {
        this.db = db;
    }

    private static final String COLUMNS = "id, username, password_hash, roles, enabled, created_at, updated_at, "
            + "updated_by, session_version";

    public Mono<UserAccount> byUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM gateway.user_account WHERE username = :username")
                .bind("username", username).map(UserAccountRepository::account).one();
    }

    public Mono<UserAccount> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM gateway.user_account WHERE id = :id").bind("id", id)
                .map(UserAccountRepository::account).one();
    }

    public Flux<UserAccount> all() {
        return db.sql("SELECT " + COLUMNS + " FROM gateway.user_account ORDER BY username").map(UserAccountRepository::account)
                .all();
    }

    /**
     * Changes what an administrator may change besides roles; null leaves a field as it is. Empty when the user
     * does not exist or when it would disable the last enabled administrator. A new password or a change of
     * {@code enabled} moves the session version on, which ends the user's logins.
     */
    public Mono<UserAccount> update(UUID id, Boolean enabled, String passwordHash, String by) {
        return db.sql("WITH admins AS (SELECT id FROM gateway.user_account WHERE enabled AND 'ADMIN' = ANY(roles) "
                        + "FOR UPDATE) "
                        + "UPDATE gateway.user_account SET enabled = coalesce(:enabled, enabled), "
                        + "password_hash = coalesce(:hash, password_hash), updated_at = :now, updated_by = :by, "
                        + "session_version = session_version + CASE WHEN :hash IS NOT NULL "
                        + "OR coalesce(:enabled, enabled) <> enabled THEN 1 ELSE 0 END "
                        + "WHERE id = :id AND (coalesce(:enabled, true) OR NOT ('ADMIN' = ANY(roles)) "
                        + "OR EXISTS (SELECT 1 FROM admins WHERE admins.id <> :id))")
                .bind("id", id).bind("now", Instant.now()).bind("by", by)
                .bind("enabled", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.BOOLEAN, enabled))
                .bind("hash", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, passwordHash))
                .fetch().rowsUpdated().flatMap(n -> n == 1 ? byId(id) : Mono.empty());
    }

    /**
     * Sets a user's roles, refusing (empty) to take ADMIN from the last enabled administrator; the row lock keeps
     * two concurrent demotions from both passing that check. Different roles move the session version on, which
     * ends the user's logins (a refresh would otherwise carry the old roles' login on).
     */
    public Mono<UserAccount> setRoles(UUID id, Set<Role> roles, String by) {
        String[] names = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        return db.sql("WITH admins AS (SELECT id FROM gateway.user_account WHERE enabled AND 'ADMIN' = ANY(roles) "
                        + "FOR UPDATE) "
                        + "UPDATE gateway.user_account SET roles = :roles, updated_at = :now, updated_by = :by, "
                        + "session_version = session_version + CASE WHEN roles @> :roles AND roles <@ :roles "
                        + "THEN 0 ELSE 1 END "
                        + "WHERE id = :id AND ('ADMIN' = ANY(:roles) OR NOT enabled "
                        + "OR EXISTS (SELECT 1 FROM admins WHERE admins.id <> :id))")
                .bind("id", id).bind("roles", names).bind("now", Instant.now()).bind("by", by)
                .fetch().rowsUpdated().flatMap(n -> n == 1 ? byId(id) : Mono.empty());
    }

    private static UserAccount account(io.r2dbc.spi.Readable row) {
        return new UserAccount(row.get("id", UUID.class), row.get("username", String.class),
                row.get("password_hash", String.class), roles(row.get("roles", String[].class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), row.get("updated_by", String.class),
                row.get("session_version", Long.class));
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM gateway.user_account").map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    /** @return whether the user was created (false when the username is taken) */
    public Mono<Boolean> create(String username, String passwordHash, Set<Role> roles) {
        return create(UUID.randomUUID(), username, passwordHash, roles, "system");
    }

    /** @return whether the user was created (false when the username is taken) */
    public Mono<Boolean> create(UUID id, String username, String passwordHash, Set<Role> roles, String by) {
        Instant now = Instant.now();
        return db.sql("INSERT INTO gateway.user_account "
                        + "(id, username, password_hash, roles, created_at, updated_at, updated_by) "
                        + "VALUES (:id, :username, :hash, :roles, :now, :now, :by) ON CONFLICT (username) DO NOTHING")
                .bind("id", id).bind("username", username).bind("hash", passwordHash).bind("by", by)
                .bind("roles", roles.stream().map(Role::name).sorted().toArray(String[]::new)).bind("now", now)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private static Set<Role> roles(String[] names) {
        return Arrays.stream(names).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
