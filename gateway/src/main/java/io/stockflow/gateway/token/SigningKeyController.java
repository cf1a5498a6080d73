package io.stockflow.gateway.token;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code /api/admin/signing-keys} (ADMIN only): see the keys and rotate now, e.g. after a suspected leak. */
@RestController
@RequestMapping("/api/admin/signing-keys")
class SigningKeyController {

    private final SigningKeys signingKeys;
    private final SigningKeyRing ring;
    private final Clock clock;

    SigningKeyController(SigningKeys signingKeys, SigningKeyRing ring, Clock clock) {
        this.signingKeys = signingKeys;
        this.ring = ring;
        this.clock = clock;
    }

    /** @param state {@code next} (published, signs from {@code activateAt}), {@code signing} or {@code retired} */
    record SigningKeyView(String kid, String state, Instant createdAt, Instant activateAt, Instant retiredAt,
                          Instant withdrawAt) {
        static SigningKeyView of(SigningKey key, Instant now) {
            String state = key.isNextAt(now) ? "next" : key.signsAt(now) ? "signing" : "retired";
            return new SigningKeyView(key.kid(), state, key.createdAt(), key.activateAt(), key.retiredAt(),
                    key.withdrawAt());
        }
    }

    @GetMapping
    List<SigningKeyView> list() {
        Instant now = clock.instant();
        return ring.keys().stream().map(key -> SigningKeyView.of(key, now)).toList();
    }

    /**
     * 202: the new key is published at once and signs from its {@code activate_at}, once every replica and service
     * can know it; until then the current key signs. The replaced key verifies until its tokens have expired.
     */
    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<SigningKeyView> rotate() {
        return signingKeys.rotate().map(key -> SigningKeyView.of(key, clock.instant()));
    }
}
