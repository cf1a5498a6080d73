package io.stockflow.inventory.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Stock of a product at a store. {@code available} = on hand + on order − allocated: what can still serve demand
 * once open orders arrive. Policy figures are those of its last planning (null before one).
 */
public record StockPosition(String storeId, String productId, BigDecimal onHand, BigDecimal onOrder,
                            BigDecimal allocated, BigDecimal available, Instant lastMovementAt, Instant lastSaleAt,
                            BigDecimal reorderPoint, BigDecimal orderQuantity, BigDecimal safetyStock,
                            BigDecimal daysOfCover, Instant evaluatedAt) {
}
