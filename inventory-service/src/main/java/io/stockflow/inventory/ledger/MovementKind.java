package io.stockflow.inventory.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why stock changed. Quantities are signed changes of on-hand stock (of allocated stock for allocations). */
public enum MovementKind {
    /** A POS sale (negative). */
    SALE,
    /** A POS return (positive). */
    RETURN,
    /** Goods received, from a purchase order or not (positive). */
    RECEIPT,
    /** A correction: damage, shrinkage, a stock count (either sign). */
    ADJUSTMENT,
    /** Sent to another store or warehouse (negative). */
    TRANSFER_OUT,
    /** Received from another store or warehouse (positive). */
    TRANSFER_IN,
    /** Stock reserved (+) or released (−) for orders not yet shipped: changes allocated, not on hand. */
    ALLOCATION;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
