package io.stockflow.inventory.audit;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.InventoryProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** The audit trail, newest first; page back with {@code before} = the last {@code audit_id} seen. */
@RestController
class AuditController {

    private final AuditTrail trail;
    private final InventoryProperties properties;

    AuditController(AuditTrail trail, InventoryProperties properties) {
        this.trail = trail;
        this.properties = properties;
    }

    @GetMapping("/api/inventory/audit")
    Mono<AuditPage> find(@RequestParam(name = "entity_type", required = false) String entityType,
                                   @RequestParam(name = "entity_id", required = false) String entityId,
                                   @RequestParam(required = false) String actor,
                                   @RequestParam(required = false) String action,
                                   @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) Long before,
                                   @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > properties.maxPageSize()) {
            throw new ApiProblemException(Problems.invalidInput("invalid limit",
                    List.of(FieldViolation.of("limit", "out_of_range",
                            "must be between 1 and " + properties.maxPageSize()))));
        }
        return trail.find(new AuditQuery(entityType, entityId, actor, action, from, to, before, limit)).collectList()
                .map(entries -> new AuditPage(entries,
                        entries.size() < limit ? null : entries.get(entries.size() - 1).auditId()));
    }

    record AuditPage(List<AuditEntry> entries, Long nextBefore) {
    }
}
