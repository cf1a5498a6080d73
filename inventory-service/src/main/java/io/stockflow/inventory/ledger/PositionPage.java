package io.stockflow.inventory.ledger;

import java.util.List;

/** A page of positions: {@code total} matched the filters in all. */
public record PositionPage(List<StockPosition> positions, int page, int size, long total) {
}
