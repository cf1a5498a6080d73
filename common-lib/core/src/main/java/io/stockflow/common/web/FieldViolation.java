package io.stockflow.common.web;

/**
 * One reason a request was refused, as listed in a problem's {@code errors} member.
 *
 * @param row     1-based row of a batch (data rows of a CSV, elements of a JSON array); null for a single object
 * @param field   the JSON field or CSV column, null when the whole row is at fault
 * @param code    a stable machine-readable reason, e.g. {@code invalid_value}, {@code unknown_currency}
 * @param message what is wrong, for a person
 */
public record FieldViolation(Long row, String field, String code, String message) {

    public static FieldViolation of(String field, String code, String message) {
        return new FieldViolation(null, field, code, message);
    }

    public FieldViolation atRow(long rowNumber) {
        return new FieldViolation(rowNumber, field, code, message);
    }
}
