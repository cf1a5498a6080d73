package io.stockflow.ingestion.intake.web;

import java.util.List;
import java.util.UUID;

/** The answer to a single transaction: its (possibly assigned) id and what became of each line. */
record TransactionReceipt(String transactionId, long accepted, long duplicates, List<LineReceipt> lines) {

    /** @param status {@code accepted}, or {@code duplicate}: ingested by an earlier request (a retry of this one) */
    public record LineReceipt(int lineNumber, String status, UUID eventId) {
    }
}
