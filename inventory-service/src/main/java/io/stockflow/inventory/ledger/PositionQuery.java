package io.stockflow.inventory.ledger;

import java.util.List;

/**
 * Filters, order and page of {@code GET /api/inventory/current}; null filters mean any.
 *
 * @param belowReorderPoint only positions whose available stock is at or below their reorder point
 * @param sort              column and direction, e.g. {@code available,asc}
 */
public record PositionQuery(List<String> storeIds, List<String> productIds, Boolean belowReorderPoint,
                            Boolean negativeOnly, String sort, int page, int size) {

    /** Sortable columns: the wire names, which are also the SQL expressions' names. */
    static final List<String> SORTABLE = List.of("store_id", "product_id", "on_hand", "on_order", "allocated",
            "available", "days_of_cover", "last_sale_at");
}
