package io.stockflow.inventory.audit;

import java.time.Instant;
import java.util.Map;

/** One line of the audit trail. */
public record AuditEntry(long auditId, Instant at, String actor, String action, String entityType,
                         String entityId, Map<String, Object> details) {
}
