package io.stockflow.gateway.access;

import io.stockflow.common.security.AuthenticatedPrincipal;
import org.springframework.web.server.ServerWebExchange;

/** Who made the current request, as the access filter established it. */
public final class Callers {

    static final String ATTRIBUTE = Callers.class.getName() + ".principal";

    private Callers() {
    }

    /** The authenticated caller; only called on routes the access policy does not leave public. */
    public static AuthenticatedPrincipal of(ServerWebExchange exchange) {
        AuthenticatedPrincipal principal = exchange.getAttribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("no authenticated caller on " + exchange.getRequest().getPath());
        }
        return principal;
    }
}
