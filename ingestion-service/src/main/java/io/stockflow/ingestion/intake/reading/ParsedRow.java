package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;

import java.util.List;
import java.util.function.Supplier;

/**
 * One row of a request: its 1-based number, its original text (kept for the dead-letter topic) and either a line
 * (as read, then with its defaults filled in by the pipeline), or the reasons it cannot be one.
 *
 * @param originalText writes the row's original text; only refused rows need it, so it is not written up front
 */
public record ParsedRow(long row, Supplier<String> originalText, PosTransaction line,
                        List<FieldViolation> violations) {

    public static ParsedRow valid(long row, Supplier<String> originalText, PosTransaction line) {
        return new ParsedRow(row, originalText, line, List.of());
    }

    public static ParsedRow invalid(long row, Supplier<String> originalText, PosTransaction partial,
                                    List<FieldViolation> violations) {
        return new ParsedRow(row, originalText, partial, List.copyOf(violations));
    }

    public String raw() {
        return originalText.get();
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** The reason code a rejected row is counted under: its first violation's code. */
    public String reason() {
        return violations.isEmpty() ? null : violations.get(0).code();
    }
}
