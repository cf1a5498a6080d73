package io.stockflow.inventory.simulation;

/** Argument checks whose messages name the field, for a 400 answer that says what to fix. */
final class Validation {

    private Validation() {
    }

    static void requireRange(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must lie in [" + format(min) + ", " + format(max)
                    + "], got " + value);
        }
    }

    static void requirePositive(double value, String field) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    static <T> T requireNonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
