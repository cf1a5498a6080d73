package io.stockflow.gateway.apikey;

import io.stockflow.common.security.Role;
import io.stockflow.common.web.Problems;
import io.stockflow.common.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** {@code /api/admin/api-keys}: keys for machine clients (ADMIN only, by the access policy). */
@RestController
@RequestMapping("/api/admin/api-keys")
class ApiKeyController {

    private final ApiKeyService apiKeys;

    ApiKeyController(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateApiKey(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Role> roles,
                        @Positive @Max(3650) Integer validForDays) {
    }

    record ApiKeyView(String id, String prefix, String name, Set<Role> roles, String createdBy, Instant createdAt,
                      Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.prefix(), key.name(), key.roles(), key.createdBy(), key.createdAt(),
                    key.expiresAt(), key.lastUsedAt(), key.revokedAt(), key.revokedBy());
        }
    }

    /** The only answer that ever contains the key itself. */
    record CreatedApiKey(ApiKeyView apiKey, String key, String notice) {
    }

    @PostMapping
    Mono<ResponseEntity<CreatedApiKey>> create(@Valid @RequestBody CreateApiKey request, ServerWebExchange exchange) {
        if (request.roles().contains(Role.ADMIN)) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-input", "The request is not valid",
                    "API keys cannot hold ADMIN; administer with a user account");
        }
        Duration validFor = request.validForDays() == null ? null : Duration.ofDays(request.validForDays());
        return apiKeys.create(request.name(), request.roles(), validFor, CurrentCaller.required(exchange).subject())
                .map(created -> ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.apiKey().id()))
                        .body(new CreatedApiKey(ApiKeyView.of(created.apiKey()), created.key(),
                                "store this key now: it is not shown again")));
    }

    @GetMapping
    Flux<ApiKeyView> list() {
        return apiKeys.list().map(ApiKeyView::of);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id, ServerWebExchange exchange) {
        return apiKeys.revoke(id, CurrentCaller.required(exchange).subject()).map(revoked -> {
            if (!revoked) {
                throw Problems.exception(HttpStatus.NOT_FOUND, "api-key-not-found", "API key not found",
                        "no live API key has id " + id);
            }
            return ResponseEntity.noContent().build();
        });
    }
}
