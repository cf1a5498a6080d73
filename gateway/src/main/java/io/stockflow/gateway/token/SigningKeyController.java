package io.stockflow.gateway.token;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** {@code /api/admin/signing-keys} (ADMIN only): see the keys and rotate now, e.g. after a suspected leak. */
@RestController
@RequestMapping("/api/admin/signing-keys")
class SigningKeyController {

    private final SigningKeys signingKeys;
    private final SigningKeyRing ring;

    SigningKeyController(SigningKeys signingKeys, SigningKeyRing ring) {
        this.signingKeys = signingKeys;
        this.ring = ring;
    }

    record SigningKeyView(String kid, boolean signing, Instant createdAt, Instant retiredAt, Instant withdrawAt) {
        static SigningKeyView of(SigningKey key) {
            return new SigningKeyView(key.kid(), key.retiredAt() == null, key.createdAt(), key.retiredAt(),
                    key.withdrawAt());
        }
    }

    @GetMapping
    List<SigningKeyView> list() {
        return ring.keys().stream().map(SigningKeyView::of).toList();
    }

    /** The new key signs from now on; the old one keeps verifying until the tokens it signed have expired. */
    @PostMapping("/rotate")
    Mono<SigningKeyView> rotate() {
        return signingKeys.rotate().map(SigningKeyView::of);
    }
}
