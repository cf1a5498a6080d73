package io.stockflow.gateway.token;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** {@code /.well-known/jwks.json}: the public keys that verify access tokens (RFC 7517). */
@RestController
class JwksController {

    private final SigningKeyRing keys;

    JwksController(SigningKeyRing keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .header("Content-Type", "application/jwk-set+json")
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(keys.jwksJson());
    }
}
