package io.stockflow.ingestion.intake;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;

import java.util.List;

/**
 * One row of a request as read: its 1-based number, its original text (kept for the dead-letter topic) and either
 * a line with its defaults filled in, or the reasons it cannot be one.
 */
public record ParsedRow(long row, String raw, PosTransaction line, List<FieldViolation> violations) {

    public static ParsedRow valid(long row, String raw, PosTransaction line) {
        return new ParsedRow(row, raw, line, List.of());
    }

    public static ParsedRow invalid(long row, String raw, PosTransaction partial, List<FieldViolation> violations) {
        return new ParsedRow(row, raw, partial, List.copyOf(violations));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** The reason code a rejected row is counted under: its first violation's code. */
    public String reason() {
        return violations.isEmpty() ? null : violations.get(0).code();
    }
}
