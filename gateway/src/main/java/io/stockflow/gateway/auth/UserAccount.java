package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who may log in.
 *
 * @param sessionVersion moves on whenever a change must end the user's logins (password, roles, enabled)
 */
public record UserAccount(UUID id, String username, String passwordHash, Set<Role> roles, boolean enabled,
                          Instant createdAt, Instant updatedAt, String updatedBy, long sessionVersion) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }
}
