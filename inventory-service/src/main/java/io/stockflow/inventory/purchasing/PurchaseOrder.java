package io.stockflow.inventory.purchasing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A purchase order with who moved it along the workflow and when.
 *
 * @param origin  {@code manual}, {@code reorder_recommendation} or {@code alert_rule}
 */
public record PurchaseOrder(UUID purchaseOrderId, String supplierId, String storeId, String status, String origin,
                            String currency, String note, LocalDate expectedAt, Instant createdAt, String createdBy,
                            Instant approvedAt, String approvedBy, Instant sentAt, String sentBy, Instant closedAt,
                            String closedBy, int version, List<Line> lines) {

    public record Line(int lineNumber, String productId, BigDecimal quantity, BigDecimal receivedQuantity,
                       BigDecimal unitCost) {

        public BigDecimal outstanding() {
            return quantity.subtract(receivedQuantity).max(BigDecimal.ZERO);
        }
    }

    public BigDecimal total() {
        return lines.stream().map(line -> line.quantity().multiply(line.unitCost()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    PurchaseOrder withLines(List<Line> lines) {
        return new PurchaseOrder(purchaseOrderId, supplierId, storeId, status, origin, currency, note, expectedAt,
                createdAt, createdBy, approvedAt, approvedBy, sentAt, sentBy, closedAt, closedBy, version, lines);
    }
}
