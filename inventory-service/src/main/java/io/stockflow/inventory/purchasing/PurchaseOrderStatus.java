package io.stockflow.inventory.purchasing;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The purchase-order workflow: draft → approved → sent → partially received → received → closed; a draft or an
 * approved order may be cancelled; a sent order may be closed short (what was not delivered leaves on-order).
 */
public enum PurchaseOrderStatus {
    DRAFT, APPROVED, SENT, PARTIALLY_RECEIVED, RECEIVED, CLOSED, CANCELLED;

    /** The statuses an action may start from. */
    public static Set<PurchaseOrderStatus> from(String action) {
        return switch (action) {
            case "approve" -> EnumSet.of(DRAFT);
            case "send" -> EnumSet.of(APPROVED);
            case "close" -> EnumSet.of(SENT, PARTIALLY_RECEIVED, RECEIVED);
            case "cancel" -> EnumSet.of(DRAFT, APPROVED);
            case "receive" -> EnumSet.of(SENT, PARTIALLY_RECEIVED);
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    /** Where an action leads. Receiving leads to partially or fully received, decided by the quantities. */
    public static PurchaseOrderStatus after(String action) {
        return switch (action) {
            case "approve" -> APPROVED;
            case "send" -> SENT;
            case "close" -> CLOSED;
            case "cancel" -> CANCELLED;
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PurchaseOrderStatus ofWire(String status) {
        return valueOf(status.toUpperCase(Locale.ROOT));
    }
}
