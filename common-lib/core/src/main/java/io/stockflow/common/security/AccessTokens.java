package io.stockflow.common.security;

/** The shape of Stockflow access tokens, shared by the gateway that signs them and the services that verify them. */
public final class AccessTokens {

    public static final String ISSUER = "stockflow-gateway";
    public static final String AUDIENCE = "stockflow";
    public static final String ROLES_CLAIM = "roles";

    private AccessTokens() {
    }
}
