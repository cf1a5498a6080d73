package io.stockflow.notification.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as every source is read into: the id of the event that raised it, a type such as
 * {@code inventory.stockout_risk}, {@code forecast.drift} or {@code data_quality.rejections}, where it is, what it
 * says, and the event's own fields (for rule conditions and the message's data).
 *
 * @param dedupKey the same situation gets the same key: type, store and product
 * @param clears   true for an event that ends the situation (inventory's cleared alerts) rather than raising one
 */
public record IncomingAlert(UUID alertId, String type, Severity severity, String storeId, String productId,
                            String title, String message, Map<String, Object> fields, String dedupKey,
                            Instant occurredAt, boolean clears) {
}
