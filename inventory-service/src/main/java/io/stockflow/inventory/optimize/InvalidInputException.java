package io.stockflow.inventory.optimize;

/**
 * An input the optimisation cannot take: a negative cost, a level outside (0, 1), a missing resource for the
 * service objective. {@link #field()} names the input as the API spells it ({@code constraints.budget},
 * {@code unit_cost}, …) and {@link #itemId()} the item it belongs to, or null for request-wide inputs.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;
    private final String itemId;

    public InvalidInputException(String field, String itemId, String message) {
        super((itemId == null ? "" : "item " + itemId + ": ") + field + " " + message);
        this.field = field;
        this.itemId = itemId;
    }

    public String field() {
        return field;
    }

    public String itemId() {
        return itemId;
    }

    static double requirePositive(double value, String field, String itemId) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(field, itemId, "must be positive and finite, got " + value);
        }
        return value;
    }

    static double requireNonNegative(double value, String field, String itemId) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(field, itemId, "must be zero or positive and finite, got " + value);
        }
        return value;
    }

    static void requireLevel(Double value, String field) {
        if (value != null && !(value > 0 && value < 1)) {
            throw new InvalidInputException(field, null, "must lie strictly between 0 and 1, got " + value);
        }
    }
}
