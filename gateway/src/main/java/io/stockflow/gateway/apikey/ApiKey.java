package io.stockflow.gateway.apikey;

import io.stockflow.common.security.Role;

import java.time.Instant;
import java.util.Set;

/** A machine client's key as administrators see it: never the secret, which is shown once at creation. */
public record ApiKey(String id, String name, Set<Role> roles, String createdBy, Instant createdAt, Instant expiresAt,
                     Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public ApiKey {
        roles = Set.copyOf(roles);
    }

    /** The part of the key that identifies it in lists and logs: {@code sfk_<id>}. */
    public String prefix() {
        return ApiKeySecrets.PREFIX + id;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
