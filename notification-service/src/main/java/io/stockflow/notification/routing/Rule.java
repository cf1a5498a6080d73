package io.stockflow.notification.routing;

import java.time.Instant;
import java.util.UUID;

/** A stored rule. */
public record Rule(UUID ruleId, RuleDefinition definition, Instant createdAt, Instant updatedAt) {
}
