package io.stockflow.inventory.simulation;

/** The replenishment policies the simulator compares. */
public enum PolicyKind {
    /** Stockflow's (r, Q): the reorder point from the exact lost-sales fill rate of the forecast demand. */
    OPTIMISED,
    /** "Order when the forecast exceeds the stock". */
    NAIVE,
    /** Fixed min/max in days of mean demand. */
    MIN_MAX,
    /** Tabular Q-learning, trained in the same simulator. */
    Q_LEARNING,
    /**
     * The textbook (r, Q): Q the EOQ, r from the normal loss function at the fill-rate target (backorders,
     * continuous review) — a reference showing what the exact maths of {@link #OPTIMISED} corrects.
     */
    TEXTBOOK_RQ
}
