package io.stockflow.gateway.auth;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.AccessProblems;
import io.stockflow.common.security.Role;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.gateway.web.TrustedProxies;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** {@code /api/auth/*}: log in, refresh, log out, who am I. */
@RestController
class AuthController {

    private final AuthService auth;
    private final TrustedProxies proxies;

    AuthController(AuthService auth, TrustedProxies proxies) {
        this.auth = auth;
        this.proxies = proxies;
    }

    record LoginRequest(@NotBlank @Size(max = 128) String username, @NotBlank @Size(max = 256) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    record Me(String subject, Set<Role> roles, Instant expiresAt) {
    }

    @PostMapping("/api/auth/login")
    Mono<AuthService.Session> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        InetAddress client = proxies.clientAddress(exchange.getRequest().getRemoteAddress(),
                exchange.getRequest().getHeaders());
        return auth.login(request.username(), request.password(), client).map(result -> {
            if (result instanceof AuthService.LoginResult.LoggedIn loggedIn) {
                return loggedIn.session();
            }
            if (result instanceof AuthService.LoginResult.Throttled throttled) {
                throw tooManyAttempts(throttled.retryAfter());
            }
            throw unauthorized("invalid-credentials", "Invalid credentials",
                    "the username or password is wrong, or the account is disabled");
        });
    }

    private static ApiProblemException tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000); // rounded up: retrying earlier is refused again
        return Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many login attempts",
                "too many login attempts for this username; try again in " + seconds + " seconds", seconds, null);
    }

    @PostMapping("/api/auth/refresh")
    Mono<AuthService.Session> refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken()).map(result -> switch (result.outcome()) {
            case ROTATED -> result.session();
            case REUSED -> throw unauthorized("refresh-token-reused", "Refresh token reused",
                    "this refresh token was already used; every session of this login is now revoked");
            case REVOKED -> throw unauthorized("refresh-token-revoked", "Refresh token revoked",
                    "this login was logged out or revoked; log in again");
            case UNKNOWN -> throw unauthorized("invalid-refresh-token", "Invalid refresh token",
                    "the refresh token is unknown or expired; log in again");
        });
    }

    @PostMapping("/api/auth/logout")
    Mono<ResponseEntity<Void>> logout(@Valid @RequestBody RefreshRequest request) {
        return auth.logout(request.refreshToken()).thenReturn(ResponseEntity.noContent().build());
    }

    /** Who the presented credentials speak for (the access filter has checked them). */
    @GetMapping("/api/auth/me")
    Me me(ServerWebExchange exchange) {
        AuthenticatedPrincipal caller = CurrentCaller.required(exchange);
        return new Me(caller.subject(), caller.roles(), caller.expiresAt());
    }

    private static ApiProblemException unauthorized(String slug, String title, String detail) {
        return AccessProblems.unauthorized(slug, title, detail);
    }
}
