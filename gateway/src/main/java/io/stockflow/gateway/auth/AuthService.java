package io.stockflow.gateway.auth;

import io.stockflow.gateway.token.AccessTokenIssuer;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/** Login, refresh, logout and "who am I", on top of the user store, the token issuer and refresh-token families. */
public final class AuthService {

    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final AccessTokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    /** Checked when the user does not exist, so that a wrong username costs the same time as a wrong password. */
    private final String decoyHash;

    public AuthService(UserAccountRepository users, PasswordEncoder passwords, AccessTokenIssuer issuer,
                       RefreshTokens refreshTokens) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.decoyHash = passwords.encode("decoy-" + System.nanoTime());
    }

    /** What a successful login or refresh answers. */
    public record Session(String accessToken, String tokenType, long expiresIn, Instant expiresAt,
                          String refreshToken) {
    }

    /** @return empty when the credentials are wrong or the account is disabled */
    public Mono<Session> login(String username, String password) {
        return users.byUsername(username)
                .filter(user -> passwords.matches(password, user.passwordHash()) && user.enabled())
                .switchIfEmpty(Mono.fromRunnable(() -> passwords.matches(password, decoyHash)))
                .flatMap(user -> refreshTokens.issue(user.username()).map(refresh -> session(user, refresh)));
    }

    /** @return the outcome; a session only when the token was live and its user still may log in */
    public Mono<RefreshResult> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken).flatMap(rotation -> {
            if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
                return Mono.just(new RefreshResult(rotation.outcome(), null));
            }
            return users.byUsername(rotation.subject()).filter(UserAccount::enabled)
                    .map(user -> new RefreshResult(rotation.outcome(), session(user, rotation.next())))
                    .defaultIfEmpty(new RefreshResult(RefreshTokens.Outcome.REVOKED, null));
        });
    }

    public record RefreshResult(RefreshTokens.Outcome outcome, Session session) {
    }

    public Mono<Void> logout(String refreshToken) {
        return refreshTokens.revoke(refreshToken);
    }

    private Session session(UserAccount user, String refreshToken) {
        AccessTokenIssuer.IssuedToken access = issuer.issue(user.username(), user.roles());
        long expiresIn = Duration.between(Instant.now(), access.expiresAt()).toSeconds();
        return new Session(access.token(), "Bearer", expiresIn, access.expiresAt(), refreshToken);
    }
}
