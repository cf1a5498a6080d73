package io.stockflow.notification.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A stored alert and where it stands: {@code open}, {@code acknowledged} or {@code resolved}. */
public record Alert(UUID alertId, String type, String severity, String storeId, String productId, String title,
                    String message, Map<String, Object> payload, String status, Instant occurredAt,
                    Instant receivedAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
                    String resolvedBy) {
}
