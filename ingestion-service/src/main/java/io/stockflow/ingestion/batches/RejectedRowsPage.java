package io.stockflow.ingestion.batches;

import java.util.List;

/**
 * {@code GET /api/data/batches/{batch_id}/rejected}: a page of a batch's refused rows, in row order.
 *
 * @param csvHeader the upload's CSV header line; null for JSON
 * @param nextAfter the {@code after} of the next page; null on the last page
 */
public record RejectedRowsPage(String batchId, String format, String csvHeader, List<RejectedRow> rejectedRows,
                               Long nextAfter) {

    /**
     * The page as CSV that can be fixed and posted again: the upload's header line, then each refused row as it
     * was sent.
     */
    String toCsv() {
        StringBuilder csv = new StringBuilder(csvHeader).append('\n');
        rejectedRows.forEach(row -> csv.append(row.original()).append('\n'));
        return csv.toString();
    }
}
