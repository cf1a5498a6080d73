package io.stockflow.gateway.users;

import io.stockflow.common.security.Role;
import io.stockflow.common.web.Problems;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.gateway.auth.PasswordHashing;
import io.stockflow.gateway.auth.UserAccount;
import io.stockflow.gateway.auth.UserAccountRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/admin/users} (ADMIN only, by the access policy). Roles change only through their own endpoint: the
 * general update has no roles field, and the strict JSON dialect refuses one sent anyway (no mass assignment). A
 * new password, enabling or disabling, or different roles end the user's logins: their refresh tokens are refused
 * from then on, and their access tokens run out within their short lifetime.
 */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

    private static final Logger log = LoggerFactory.getLogger(UserAdminController.class);

    private final UserAccountRepository users;
    private final PasswordHashing passwords;

    UserAdminController(UserAccountRepository users, PasswordHashing passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    record NewUser(@NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
                   @NotNull @Size(min = 12, max = 256) String password, @NotEmpty Set<Role> roles) {
    }

    /** What an administrator may change in one go; roles are deliberately absent. */
    record UserUpdate(Boolean enabled, @Size(min = 12, max = 256) String password) {
    }

    record RolesUpdate(@NotEmpty Set<Role> roles) {
    }

    record UserView(UUID id, String username, Set<Role> roles, boolean enabled, Instant createdAt, Instant updatedAt,
                    String updatedBy) {
        static UserView of(UserAccount user) {
            return new UserView(user.id(), user.username(), user.roles(), user.enabled(), user.createdAt(),
                    user.updatedAt(), user.updatedBy());
        }
    }

    @GetMapping
    Flux<UserView> list() {
        return users.all().map(UserView::of);
    }

    @GetMapping("/{id}")
    Mono<UserView> get(@PathVariable UUID id) {
        return users.byId(id).map(UserView::of).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    @PostMapping
    Mono<ResponseEntity<UserView>> create(@Valid @RequestBody NewUser request, ServerWebExchange exchange) {
        UUID id = UUID.randomUUID();
        String by = CurrentCaller.required(exchange).subject();
        return passwords.hash(request.password())
                .flatMap(hash -> users.create(id, request.username(), hash, request.roles(), by))
                .flatMap(created -> {
                    if (!created) {
                        return Mono.error(Problems.exception(HttpStatus.CONFLICT, "username-taken", "Username taken",
                                "a user named '" + request.username() + "' already exists"));
                    }
                    log.info("user {} created by {} with roles {}", request.username(), by, request.roles());
                    return users.byId(id);
                })
                .map(user -> ResponseEntity.created(URI.create("/api/admin/users/" + id)).body(UserView.of(user)));
    }

    @PatchMapping("/{id}")
    Mono<UserView> update(@PathVariable UUID id, @Valid @RequestBody UserUpdate request, ServerWebExchange exchange) {
        String by = CurrentCaller.required(exchange).subject();
        Mono<String> hash = request.password() == null ? Mono.just("") : passwords.hash(request.password());
        return hash.flatMap(h -> users.update(id, request.enabled(), h.isEmpty() ? null : h, by))
                .switchIfEmpty(users.byId(id).flatMap(exists -> Mono.error(lastAdministrator()))
                        .then(Mono.error(() -> notFound(id))))
                .doOnNext(user -> log.info("user {} updated by {}: enabled={} password changed={}", user.username(),
                        by, request.enabled(), request.password() != null))
                .map(UserView::of);
    }

    @PutMapping("/{id}/roles")
    Mono<UserView> setRoles(@PathVariable UUID id, @Valid @RequestBody RolesUpdate request,
                            ServerWebExchange exchange) {
        String by = CurrentCaller.required(exchange).subject();
        return users.setRoles(id, request.roles(), by)
                .switchIfEmpty(users.byId(id).flatMap(exists -> Mono.error(lastAdministrator()))
                        .then(Mono.error(() -> notFound(id))))
                .doOnNext(user -> log.info("roles of user {} set to {} by {}", user.username(), request.roles(), by))
                .map(UserView::of);
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.exception(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "no user has id " + id);
    }

    private static RuntimeException lastAdministrator() {
        return Problems.exception(HttpStatus.CONFLICT, "last-administrator", "Last administrator",
                "this change would leave Stockflow without an enabled administrator");
    }
}
