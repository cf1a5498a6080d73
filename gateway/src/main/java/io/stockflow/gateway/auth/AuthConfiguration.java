package io.stockflow.gateway.auth;

import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.gateway.token.AccessTokenIssuer;
import io.stockflow.gateway.token.SigningKeyRing;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

/** Wires users, passwords, signing keys and refresh-token families. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    @Bean
    UserAccounts userAccounts(DatabaseClient db) {
        return new UserAccounts(db);
    }

    @Bean
    SigningKeyRing signingKeyRing(Clock clock, AuthProperties properties) {
        return new SigningKeyRing(clock, properties.accessTokenLifetime());
    }

    @Bean
    AuthService authService(UserAccounts users, PasswordEncoder passwords, SigningKeyRing keys, Clock clock,
                            ReactiveStringRedisTemplate redis, AuthProperties properties) {
        return new AuthService(users, passwords, new AccessTokenIssuer(keys, clock, properties.accessTokenLifetime()),
                new AccessTokenVerifier(keys::publicKey, clock),
                new RefreshTokens(redis, properties.refreshTokenLifetime()));
    }

    @Bean
    LoginThrottle loginThrottle(ReactiveStringRedisTemplate redis, AuthProperties properties) {
        return new LoginThrottle(redis, properties.maxFailedLoginsPerUser(), properties.maxFailedLoginsPerClient(),
                properties.failedLoginWindow());
    }

    @Bean
    ApplicationRunner firstAdministrator(UserAccounts users, PasswordEncoder passwords, AuthProperties properties) {
        return args -> new FirstAdministrator(users, passwords).ensure(properties.initialAdminPassword()).block();
    }
}
