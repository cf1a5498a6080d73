package io.stockflow.gateway.token;

import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.security.AccessTokenVerifier;
import io.stockflow.common.security.InvalidTokenException;
import io.stockflow.common.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenIssuerTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final Duration lifetime = Duration.ofMinutes(15);
    private final SigningKeyRing keys = new SigningKeyRing(clock);
    private SigningKey first = SigningKey.generate(clock.now);

    {
        keys.install(java.util.List.of(first));
    }
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, clock, lifetime);
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(keys::publicKey, clock);

    @Test
    void issuesFifteenMinuteTokensThatServicesVerify() {
        AccessTokenIssuer.IssuedToken issued = issuer.issue("alice", Set.of(Role.PLANNER));
        assertThat(issued.expiresAt()).isEqualTo(clock.now.plus(lifetime));
        assertThat(verifier.verify(issued.token()).roles()).containsExactly(Role.PLANNER);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(issued.token().split("\\.")[0])))
                .contains("\"alg\":\"RS256\"");
        clock.now = clock.now.plus(lifetime).plusSeconds(31);
        assertThatThrownBy(() -> verifier.verify(issued.token())).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void rotationKeepsEarlierTokensValidUntilTheyExpireThenWithdrawsTheOldKey() {
        String before = issuer.issue("bob", Set.of(Role.VIEWER)).token();
        String oldKid = keys.currentKeyId();
        keys.install(java.util.List.of(first.retire(clock.now, lifetime), SigningKey.generate(clock.now)));
        String after = issuer.issue("bob", Set.of(Role.VIEWER)).token();
        assertThat(keys.currentKeyId()).isNotEqualTo(oldKid);
        assertThat(verifier.verify(before).subject()).isEqualTo("bob");
        assertThat(verifier.verify(after).subject()).isEqualTo("bob");
        assertThat(jwksKids()).containsExactlyInAnyOrder(oldKid, keys.currentKeyId());

        clock.now = clock.now.plus(lifetime);
        assertThat(keys.publicKey(oldKid)).isNull();
        assertThat(jwksKids()).containsExactly(keys.currentKeyId());
    }

    /** Published first, signing later: the ring switches at the activation time, without a reload. */
    @Test
    void aNextKeyIsPublishedBeforeItSignsAndTakesOverAtItsActivation() {
        Instant activation = clock.now.plus(Duration.ofMinutes(7));
        SigningKey next = SigningKey.generate(clock.now, activation);
        keys.install(java.util.List.of(first.retire(activation, lifetime), next));
        assertThat(jwksKids()).containsExactlyInAnyOrder(first.kid(), next.kid());
        assertThat(keys.currentKeyId()).isEqualTo(first.kid());
        assertThat(keys.next()).contains(next);
        String before = issuer.issue("carol", Set.of(Role.VIEWER)).token();

        clock.now = activation;
        assertThat(keys.currentKeyId()).isEqualTo(next.kid());
        assertThat(keys.next()).isEmpty();
        String after = issuer.issue("carol", Set.of(Role.VIEWER)).token();
        assertThat(verifier.verify(before).subject()).isEqualTo("carol");
        assertThat(verifier.verify(after).subject()).isEqualTo("carol");

        clock.now = activation.plus(lifetime);
        assertThat(jwksKids()).containsExactly(next.kid());
    }

    @Test
    void signsWithTheNewestCurrentKeyWhenTwoReplicasEachCreatedOne() {
        SigningKey newer = SigningKey.generate(clock.now.plusSeconds(5));
        clock.now = clock.now.plusSeconds(5);
        keys.install(java.util.List.of(first, newer));
        assertThat(keys.currentKeyId()).isEqualTo(newer.kid());
        assertThat(jwksKids()).containsExactlyInAnyOrder(first.kid(), newer.kid());
    }

    @Test
    void theKeySetPublishesPublicKeysOnly() {
        JsonNode key = StockflowJson.mapper().readTree(keys.jwksJson()).path("keys").get(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("use").asString()).isEqualTo("sig");
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("e")).isTrue();
        for (String privatePart : new String[]{"d", "p", "q", "dp", "dq", "qi"}) {
            assertThat(key.has(privatePart)).as(privatePart).isFalse();
        }
    }

    private java.util.List<String> jwksKids() {
        return StockflowJson.mapper().readTree(keys.jwksJson()).path("keys").valueStream()
                .map(k -> k.path("kid").asString()).toList();
    }
}
