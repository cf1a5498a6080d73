package io.stockflow.common.security;

import java.time.Instant;
import java.util.Set;

/** Who a verified access token speaks for. */
public record AuthenticatedPrincipal(String subject, Set<Role> roles, Instant expiresAt, String tokenId) {

    public AuthenticatedPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(Role... anyOf) {
        for (Role role : anyOf) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
