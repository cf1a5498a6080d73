package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;

import java.util.Set;
import java.util.UUID;

/** A person who may log in. */
public record UserAccount(UUID id, String username, String passwordHash, Set<Role> roles, boolean enabled) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }
}
