package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A person who may log in. */
public record UserAccount(UUID id, String username, String passwordHash, Set<Role> roles, boolean enabled,
                          Instant createdAt, Instant updatedAt, String updatedBy) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }
}
