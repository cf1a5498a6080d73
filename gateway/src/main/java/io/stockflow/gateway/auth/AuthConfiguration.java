package io.stockflow.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.common.security.SecretSealer;
import io.stockflow.common.security.ServiceSecurityProperties;
import io.stockflow.gateway.token.AccessTokenIssuer;
import io.stockflow.gateway.token.SigningKeyRing;
import io.stockflow.gateway.token.SigningKeyRepository;
import io.stockflow.gateway.token.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import javax.crypto.SecretKey;
import java.time.Duration;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

/**
 * Wires users, passwords, signing keys and refresh-token families. Binds the services' token settings
 * ({@code stockflow.security.*}, the same ConfigMap) too: key rotation waits for their JWK Set caches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** One hashing thread per core, and a short queue behind them (see {@link PasswordHashing}). */
    @Bean
    PasswordHashing passwordHashing(PasswordEncoder encoder) {
        int threads = Runtime.getRuntime().availableProcessors();
        return new PasswordHashing(encoder, threads, 50 * threads);
    }

    @Bean
    UserAccountRepository userAccounts(DatabaseClient db) {
        return new UserAccountRepository(db);
    }

    @Bean
    SigningKeyRing signingKeyRing(Clock clock) {
        return new SigningKeyRing(clock);
    }

    @Bean
    SigningKeys signingKeys(DatabaseClient db, TransactionalOperator transactions, SigningKeyRing ring, Clock clock,
                            AuthProperties properties, ServiceSecurityProperties services) {
        AuthProperties.SigningKeyProperties keys = properties.signingKeys();
        Duration cachesCatchUp = keys.reloadPeriod().plus(services.jwksRefresh());
        if (keys.activationDelay().compareTo(cachesCatchUp) < 0) {
            throw new IllegalStateException("stockflow.auth.signing-keys.activation-delay (" + keys.activationDelay()
                    + ") must be at least reload-period (" + keys.reloadPeriod() + ") plus the services' "
                    + "stockflow.security.jwks-refresh (" + services.jwksRefresh() + "): a new key would sign "
                    + "before every JWK Set cache can hold it");
        }
        SecretKey keyEncryptionKey = SecretSealer.keyFromBase64(keys.keyEncryptionKey()).orElse(null);
        if (keyEncryptionKey == null) {
            log.warn("no key-encryption key (STOCKFLOW_KEY_ENCRYPTION_KEY): signing keys are stored unsealed; "
                    + "set one outside local runs");
        }
        return new SigningKeys(new SigningKeyRepository(db, transactions, keyEncryptionKey), ring, clock,
                properties.accessTokenLifetime(), keys.reloadPeriod(), keys.maxAge(), keys.activationDelay());
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeyRing keys, Clock clock, AuthProperties properties) {
        return new AccessTokenIssuer(keys, clock, properties.accessTokenLifetime());
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeyRing keys, Clock clock) {
        return new AccessTokenVerifier(keys::publicKey, clock);
    }

    @Bean
    AuthService authService(UserAccountRepository users, PasswordEncoder encoder, PasswordHashing passwords,
                            AccessTokenIssuer issuer, ReactiveStringRedisTemplate redis, LoginThrottle throttle,
                            AuthProperties properties, MeterRegistry meters) {
        String decoyHash = encoder.encode("decoy-" + System.nanoTime()); // once, at start
        return new AuthService(users, passwords, decoyHash, issuer,
                new RefreshTokens(redis, properties.refreshTokenLifetime()), throttle, meters);
    }

    /** The periodic key upkeep, ended with the application (a second context in a test, too). */
    @Bean(destroyMethod = "dispose")
    Disposable.Swap signingKeyUpkeepSubscription() {
        return Disposables.swap();
    }

    /** Loads (or creates) the shared signing keys before anything is signed, then keeps them in step. */
    @Bean
    ApplicationRunner signingKeyUpkeep(SigningKeys keys, AuthProperties properties,
                                       Disposable.Swap signingKeyUpkeepSubscription) {
        return args -> {
            keys.initialise().block();
            Duration every = properties.signingKeys().reloadPeriod();
            signingKeyUpkeepSubscription.update(Flux.interval(every, every)
                    .concatMap(tick -> Mono.defer(keys::maintain).onErrorResume(e -> {
                        log.warn("could not refresh signing keys; keeping the ones loaded", e);
                        return Mono.empty();
                    }))
                    .subscribe());
        };
    }

    @Bean
    LoginThrottle loginThrottle(ReactiveStringRedisTemplate redis, Clock clock, AuthProperties properties) {
        AuthProperties.LoginThrottlingProperties limits = properties.loginThrottling();
        return new LoginThrottle(redis, clock, limits.perUserAndAddress(), limits.perUser());
    }

    @Bean
    ApplicationRunner firstAdministrator(UserAccountRepository users, PasswordHashing passwords,
                                         LoginThrottle throttle, AuthProperties properties) {
        return args -> new FirstAdministrator(users, passwords, throttle)
                .ensure(properties.initialAdminPassword(), properties.resetAdminPassword()).block();
    }
}
