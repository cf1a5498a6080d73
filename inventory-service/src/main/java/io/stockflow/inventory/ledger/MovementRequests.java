package io.stockflow.inventory.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Bodies of the stock-movement endpoints; each is a batch of rows booked all or nothing. */
public final class MovementRequests {

    private MovementRequests() {
    }

    /**
     * @param quantity        a signed change of on-hand stock; or
     * @param countedQuantity what a stock count found: the change is counted − on hand at booking
     * @param reason          damage, shrinkage, count, found, expired or other
     */
    public record Adjustment(String storeId, String productId, BigDecimal quantity, BigDecimal countedQuantity,
                             String reason, String note, Instant occurredAt) {
    }

    public record Adjustments(List<Adjustment> adjustments) {
    }

    public record Transfer(String fromStoreId, String toStoreId, String productId, BigDecimal quantity,
                           String reference, Instant occurredAt) {
    }

    public record Transfers(List<Transfer> transfers) {
    }

    /** @param quantity reserve (+) or release (−) */
    public record Allocation(String storeId, String productId, BigDecimal quantity, String reference) {
    }

    public record Allocations(List<Allocation> allocations) {
    }

    /** What a batch did: rows booked now, rows already booked by an earlier request with the same key. */
    public record Booked(int rows, long recorded, long duplicates) {
    }
}
