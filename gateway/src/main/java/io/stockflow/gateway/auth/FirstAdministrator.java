package io.stockflow.gateway.auth;

import io.stockflow.common.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * No default password ships with Stockflow. When no user exists yet, an administrator {@code admin} is created
 * with the password from {@code STOCKFLOW_ADMIN_PASSWORD}, or else with a random one that is printed once.
 */
public final class FirstAdministrator {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    public static final String USERNAME = "admin";

    private final UserAccountRepository users;
    private final PasswordHashing passwords;
    private final LoginThrottle throttle;

    public FirstAdministrator(UserAccountRepository users, PasswordHashing passwords, LoginThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /**
     * @param resetExisting break-glass recovery for an operator who lost the password (and every local run): when
     *                      users exist, set {@code admin}'s password to the configured one (and enable it), and
     *                      forget the failed logins counted against {@code admin}, which were guesses at a password
     *                      that is gone; logged as a warning
     */
    public Mono<Void> ensure(String configuredPassword, boolean resetExisting) {
        boolean configured = configuredPassword != null && !configuredPassword.isBlank();
        Mono<Void> reset = resetExisting && configured
                ? users.byUsername(USERNAME)
                        .flatMap(admin -> passwords.hash(configuredPassword).flatMap(hash -> users.update(admin.id(),
                                true, hash, "STOCKFLOW_ADMIN_PASSWORD_RESET")))
                        .flatMap(admin -> throttle.forget(USERNAME).thenReturn(admin))
                        .doOnNext(admin -> log.warn("the password of '{}' was reset from STOCKFLOW_ADMIN_PASSWORD",
                                USERNAME))
                        .then()
                : Mono.empty();
        return createIfNoUsers(configuredPassword).then(reset);
    }

    private Mono<Void> createIfNoUsers(String configuredPassword) {
        return users.count().filter(n -> n == 0).flatMap(none -> {
            boolean generated = configuredPassword == null || configuredPassword.isBlank();
            String password = generated ? randomPassword() : configuredPassword;
            return passwords.hash(password).flatMap(hash -> users.create(USERNAME, hash, Set.of(Role.ADMIN)))
                    .doOnNext(created -> {
                        if (created && generated) {
                            // Printed once, to the console only: the operator's one chance to read it.
                            System.out.println("Stockflow first start: created user 'admin' with password "
                                    + password + " (set STOCKFLOW_ADMIN_PASSWORD to choose it)");
                        } else if (created) {
                            log.info("created the first administrator 'admin' from STOCKFLOW_ADMIN_PASSWORD");
                        }
                    });
        }).then();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
