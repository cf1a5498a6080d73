package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.web.FieldViolation;

/**
 * The body cannot be read on from {@code row} on (malformed JSON, bytes that are not UTF-8, a wrong CSV header,
 * a body over the size limit). Rows before it were read normally.
 */
public class UnreadableBodyException extends RuntimeException {

    private final long row;
    private final FieldViolation violation;
    private final boolean tooLarge;

    UnreadableBodyException(long row, FieldViolation violation, boolean tooLarge, Throwable cause) {
        super(violation.message(), cause);
        this.row = row;
        this.violation = violation;
        this.tooLarge = tooLarge;
    }

    public long row() {
        return row;
    }

    public FieldViolation violation() {
        return violation;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
