package io.stockflow.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.gateway.token.AccessTokenIssuer;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Login, refresh, logout and "who am I", on top of the user store, the token issuer and refresh-token families. */
public final class AuthService {

    /** Counts logins by outcome; {@code succeeded} plus {@code failed} is the number of passwords checked. */
    public static final String ATTEMPTS_METRIC = "stockflow.gateway.login.attempts";

    private final UserAccountRepository users;
    private final PasswordHashing passwords;
    private final AccessTokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    /** Checked when the user does not exist, so that a wrong username costs the same time as a wrong password. */
    private final String decoyHash;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter throttled;

    public AuthService(UserAccountRepository users, PasswordHashing passwords, String decoyHash,
                       AccessTokenIssuer issuer, RefreshTokens refreshTokens, LoginThrottle throttle,
                       MeterRegistry meters) {
        this.users = users;
        this.passwords = passwords;
        this.decoyHash = decoyHash;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.succeeded = attempts(meters, "succeeded", "the password was right");
        this.failed = attempts(meters, "failed", "wrong password, unknown user or disabled account");
        this.throttled = attempts(meters, "throttled", "refused without checking the password");
    }

    private static Counter attempts(MeterRegistry meters, String outcome, String description) {
        return Counter.builder(ATTEMPTS_METRIC).tag("outcome", outcome)
                .description("login attempts; outcome " + outcome + ": " + description).register(meters);
    }

    /** What a successful login or refresh answers. */
    public record Session(String accessToken, String tokenType, long expiresIn, Instant expiresAt,
                          String refreshToken) {
    }

    /** How a login ended. */
    public sealed interface LoginResult {
        record LoggedIn(Session session) implements LoginResult {
        }

        /** The credentials are wrong or the account is disabled. */
        record Refused() implements LoginResult {
        }

        /** Too many attempts: nothing was checked. */
        record Throttled(Duration retryAfter) implements LoginResult {
        }
    }

    /** Counts the attempt first (see {@link LoginThrottle}), then checks the password off the event loop. */
    public Mono<LoginResult> login(String username, String password, InetAddress client) {
        return throttle.attempt(username, client).flatMap(wait -> {
            if (!wait.isZero()) {
                throttled.increment();
                return Mono.<LoginResult>just(new LoginResult.Throttled(wait));
            }
            return check(username, password).flatMap(user -> {
                succeeded.increment();
                return throttle.succeeded(username, client).then(refreshTokens.issue(user.username(),
                        user.sessionVersion())).map(refresh -> (LoginResult) new LoginResult.LoggedIn(
                        session(user, refresh)));
            }).switchIfEmpty(Mono.fromSupplier(() -> {
                failed.increment();
                return (LoginResult) new LoginResult.Refused();
            }));
        });
    }

    /**
     * @return the user when the password is right and the account enabled. Exactly one bcrypt check either way: an
     * unknown username is checked against a decoy hash, so that it takes as long as a wrong password.
     */
    private Mono<UserAccount> check(String username, String password) {
        return users.byUsername(username).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> passwords.matches(password, found.map(UserAccount::passwordHash).orElse(decoyHash))
                        .filter(right -> right && found.isPresent() && found.get().enabled())
                        .map(right -> found.get()));
    }

    /**
     * @return the outcome; a session only when the token was live, its user still may log in, and nothing that ends
     * logins (password, roles, disabling) changed since this login began
     */
    public Mono<RefreshResult> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken).flatMap(rotation -> {
            if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
                return Mono.just(new RefreshResult(rotation.outcome(), null));
            }
            return users.byUsername(rotation.subject())
                    .filter(user -> user.enabled() && rotation.sessionVersion() == user.sessionVersion())
                    .map(user -> new RefreshResult(rotation.outcome(), session(user, rotation.next())))
                    .switchIfEmpty(refreshTokens.revoke(rotation.next())
                            .thenReturn(new RefreshResult(RefreshTokens.Outcome.REVOKED, null)));
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
