package io.stockflow.inventory.ledger;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the rows of a movement batch and collects every fault with its 1-based row, so one answer lists them
 * all. A batch with any fault is refused whole: nothing of it is booked.
 */
public final class BatchRows {

    public static final int MAX_ROWS = 1000;
    private static final Pattern ID = Pattern.compile(PosTransaction.ID_PATTERN);

    private final List<FieldViolation> errors = new ArrayList<>();

    public static BatchRows of(List<?> rows, String field) {
        BatchRows check = new BatchRows();
        if (rows == null || rows.isEmpty()) {
            check.errors.add(FieldViolation.of(field, "required", "at least one row"));
        } else if (rows.size() > MAX_ROWS) {
            check.errors.add(FieldViolation.of(field, "too_many_rows", "at most " + MAX_ROWS + " rows a request"));
        }
        return check;
    }

    public void id(long row, String field, String value) {
        if (value == null || value.isBlank()) {
            add(row, field, "required", "is required");
        } else if (value.length() > 64 || !ID.matcher(value).matches()) {
            add(row, field, "invalid_value", "at most 64 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public void positive(long row, String field, BigDecimal value) {
        if (value == null) {
            add(row, field, "required", "is required");
        } else if (value.signum() <= 0) {
            add(row, field, "invalid_value", "must be positive, got " + value.toPlainString());
        } else {
            scale(row, field, value);
        }
    }

    public void scale(long row, String field, BigDecimal value) {
        if (value != null && (value.scale() > 3 || value.abs().compareTo(new BigDecimal("1e12")) >= 0)) {
            add(row, field, "invalid_value", "at most 3 decimals and below 10^12");
        }
    }

    public void add(long row, String field, String code, String message) {
        errors.add(new FieldViolation(row, field, code, message));
    }

    /** Whether the row already has a fault (its ids may be unusable for lookups). */
    public boolean failed(long row) {
        return errors.stream().anyMatch(error -> error.row() != null && error.row() == row);
    }

    /** Throws 400 with every fault found, if any. */
    public void throwIfFailed() {
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s); nothing was "
                    + "recorded", errors));
        }
    }
}
