package io.stockflow.common.web;

import org.springframework.http.ProblemDetail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (IETF HTTP API draft), one rule for every Stockflow service: a key is
 * 1 to 255 visible ASCII characters ({@code !} to {@code ~}: no space, no control or non-ASCII character). A key
 * that breaks it is refused with 400 {@code /problems/invalid-input} naming the field {@code Idempotency-Key}
 * with code {@code invalid_format}. Services store keys in columns of at least this length, or derive ids from them.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private static final Pattern RULE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    private IdempotencyKey() {
    }

    /** @return whether {@code key} may be used as an Idempotency-Key; null (no header) is not a key */
    public static boolean isValid(String key) {
        return key != null && RULE.matcher(key).matches();
    }

    /** The 400 problem for a key that breaks the rule (a new one each time: problems are stamped per request). */
    public static ProblemDetail problem() {
        return Problems.invalidInput("invalid Idempotency-Key header", List.of(FieldViolation.of(HEADER,
                "invalid_format", "must be 1 to " + MAX_LENGTH + " visible ASCII characters")));
    }

    /**
     * @param key the header's value, null when the request has none
     * @return {@code key} as is: null, or a key that meets the rule
     * @throws ApiProblemException with {@link #problem()} when the key breaks the rule
     */
    public static String validated(String key) {
        if (key != null && !isValid(key)) {
            throw new ApiProblemException(problem());
        }
        return key;
    }
}
