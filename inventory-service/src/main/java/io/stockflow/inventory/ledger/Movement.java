package io.stockflow.inventory.ledger;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.pos.PosTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stock movement: a signed change of on-hand stock at a store, recorded once under its id. */
public record Movement(UUID movementId, String storeId, String productId, MovementKind kind, BigDecimal quantity,
                       Instant occurredAt, String reference, String reason, String recordedBy) {

    /** A POS line taken off the shelf (a return, with its negative quantity, put back), under the event's id. */
    static Movement ofSale(EventEnvelope<PosTransaction> event) {
        PosTransaction line = event.payload();
        boolean isReturn = line.quantity().signum() < 0;
        return new Movement(event.eventId(), line.storeId(), line.productId(),
                isReturn ? MovementKind.RETURN : MovementKind.SALE, line.quantity().negate(),
                line.transactionTimestamp(), line.transactionId(), null, event.source());
    }
}
