package io.stockflow.notification.channel;

import java.util.Map;
import java.util.UUID;

/**
 * What is sent. {@code deliveryId} is the same on every retry of a delivery: receivers use it as an idempotency id.
 * {@code data} is the alert as JSON-ready values.
 */
public record Message(UUID deliveryId, String subject, String text, Map<String, Object> data) {
}
