package io.stockflow.inventory.audit;

import java.time.Instant;

/** Filters of the audit trail; null means any. {@code before} pages back from an audit id. */
public record AuditQuery(String entityType, String entityId, String actor, String action, Instant from,
                         Instant to, Long before, int limit) {
}
