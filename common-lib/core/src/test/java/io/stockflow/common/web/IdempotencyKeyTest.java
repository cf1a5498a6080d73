package io.stockflow.common.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void acceptsOneTo255VisibleAsciiCharacters() {
        assertThat(IdempotencyKey.isValid("a")).isTrue();
        assertThat(IdempotencyKey.isValid("x".repeat(255))).isTrue();
        assertThat(IdempotencyKey.isValid("till-7:receipt/4711?#!~")).isTrue();
        assertThat(IdempotencyKey.isValid("550e8400-e29b-41d4-a716-446655440000")).isTrue();
        assertThat(IdempotencyKey.validated("x".repeat(255))).isEqualTo("x".repeat(255));
    }

    @Test
    void refusesEmptyTooLongSpacesControlAndNonAsciiCharacters() {
        assertThat(IdempotencyKey.isValid("")).isFalse();
        assertThat(IdempotencyKey.isValid("x".repeat(256))).isFalse();
        assertThat(IdempotencyKey.isValid(" ")).isFalse();
        assertThat(IdempotencyKey.isValid("two words")).isFalse();
        assertThat(IdempotencyKey.isValid("tab\tkey")).isFalse();
        assertThat(IdempotencyKey.isValid("caf\u00e9")).isFalse();
        assertThat(IdempotencyKey.isValid("del\u007f")).isFalse();
    }

    @Test
    void noHeaderIsNoKeyAndPassesValidationAsNull() {
        assertThat(IdempotencyKey.isValid(null)).isFalse();
        assertThat(IdempotencyKey.validated(null)).isNull();
    }

    @Test
    void aBrokenRuleIsA400ProblemNamingTheHeader() {
        assertThatThrownBy(() -> IdempotencyKey.validated("x".repeat(256)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    ProblemDetail problem = e.getBody();
                    assertThat(problem.getStatus()).isEqualTo(400);
                    assertThat(problem.getType()).isEqualTo(URI.create("/problems/invalid-input"));
                    assertThat(problem.getDetail()).isEqualTo("invalid Idempotency-Key header");
                    assertThat(problem.getProperties()).containsEntry(Problems.ERRORS, List.of(FieldViolation.of(
                            "Idempotency-Key", "invalid_format", "must be 1 to 255 visible ASCII characters")));
                });
        assertThat(IdempotencyKey.problem()).isNotSameAs(IdempotencyKey.problem());
    }
}
