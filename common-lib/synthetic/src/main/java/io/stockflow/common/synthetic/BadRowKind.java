package io.stockflow.common.synthetic;

/** The kinds of bad rows the writers mix into a file, each a mistake real POS exports make. */
public enum BadRowKind {
    /** unit_price below zero */
    NEGATIVE_PRICE,
    /** a well-formed currency code that does not exist, such as {@code XXQ} */
    UNKNOWN_CURRENCY,
    /** transaction_timestamp decades ahead, as from a mistyped year or an unset till clock */
    FUTURE_TIMESTAMP,
    /** product_id empty (CSV) or absent (JSON) */
    MISSING_PRODUCT_ID,
    /** quantity that is not a number, such as {@code two} */
    NON_NUMERIC_QUANTITY,
    /** an exact copy of an earlier valid row, as from a retried upload; only possible after the first row */
    DUPLICATE_ROW
}
