package io.stockflow.ingestion.intake.web;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole basket in one object: header fields shared by its lines, and the lines. The single-line form (a
 * {@link PosTransaction} object) is accepted as well.
 */
record TransactionRequest(String transactionId, String storeId, Instant transactionTimestamp, String currency,
                                 SalesChannel channel, Boolean promotion, List<Line> lines) {

    public record Line(Integer lineNumber, String productId, Map<String, String> variant, BigDecimal quantity,
                       BigDecimal unitPrice, Boolean promotion) {
    }

    /** The position (0-based) of the first line that is JSON null, or -1. */
    int firstNullLine() {
        return lines == null ? -1 : lines.indexOf(null);
    }

    /** The lines as POS lines, each inheriting the header; defaults are not yet filled in. None without lines. */
    List<PosTransaction> toLines() {
        if (lines == null) {
            return List.of();
        }
        return lines.stream().map(l -> new PosTransaction(transactionId, l.lineNumber(), storeId, l.productId(),
                l.variant(), l.quantity(), l.unitPrice(), currency, transactionTimestamp,
                l.promotion() != null ? l.promotion() : promotion, channel)).toList();
    }
}
