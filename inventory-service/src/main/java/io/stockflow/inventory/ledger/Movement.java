package io.stockflow.inventory.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stock movement: a signed change of on-hand stock at a store, recorded once under its id. */
public record Movement(UUID movementId, String storeId, String productId, MovementKind kind, BigDecimal quantity,
                       Instant occurredAt, String reference, String reason, String recordedBy) {
}
