package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Users in PostgreSQL (schema {@code gateway}). */
public final class UserAccounts {

    private final DatabaseClient db;

    public UserAccounts(DatabaseClient db) {
        this.db = db;
    }

    public Mono<UserAccount> byUsername(String username) {
        return db.sql("SELECT id, username, password_hash, roles, enabled FROM gateway.user_account "
                        + "WHERE username = :username")
                .bind("username", username)
                .map((row, meta) -> new UserAccount(row.get("id", UUID.class), row.get("username", String.class),
                        row.get("password_hash", String.class), roles(row.get("roles", String[].class)),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class))))
                .one();
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM gateway.user_account").map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    /** @return whether the user was created (false when the username is taken) */
    public Mono<Boolean> create(String username, String passwordHash, Set<Role> roles) {
        Instant now = Instant.now();
        return db.sql("INSERT INTO gateway.user_account (id, username, password_hash, roles, created_at, updated_at) "
                        + "VALUES (:id, :username, :hash, :roles, :now, :now) ON CONFLICT (username) DO NOTHING")
                .bind("id", UUID.randomUUID()).bind("username", username).bind("hash", passwordHash)
                .bind("roles", roles.stream().map(Role::name).sorted().toArray(String[]::new)).bind("now", now)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private static Set<Role> roles(String[] names) {
        return Arrays.stream(names).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
