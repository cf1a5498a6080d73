package io.stockflow.inventory.optimize;

/** The constraints an optimisation can be given, with their names in the API. */
public enum ConstraintKind {
    MIN_SERVICE_LEVEL("constraints.min_service_level"),
    MAX_STOCKOUT_RISK("constraints.max_stockout_risk"),
    BUDGET("constraints.budget"),
    WAREHOUSE_CAPACITY("constraints.warehouse_capacity");

    private final String field;

    ConstraintKind(String field) {
        this.field = field;
    }

    /** The request field that sets it. */
    public String field() {
        return field;
    }
}
