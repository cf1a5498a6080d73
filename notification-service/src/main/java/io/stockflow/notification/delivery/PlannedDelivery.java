package io.stockflow.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery decided by routing or escalation. {@code status}: {@code pending} (due at {@code dueAt}),
 * {@code suppressed} (a duplicate within the rule's window) or {@code throttled}; {@code note} says why.
 * {@code action} is set instead of a subscription for automated actions.
 */
public record PlannedDelivery(UUID deliveryId, UUID alertId, UUID ruleId, UUID subscriptionId, String action,
                              int escalationLevel, String status, Instant dueAt, String note) {
}
