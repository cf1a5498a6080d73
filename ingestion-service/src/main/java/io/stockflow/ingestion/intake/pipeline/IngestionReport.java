package io.stockflow.ingestion.intake.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a batch: counts of every outcome and the rows that were not accepted (up to a limit; every
 * rejected row is at {@code /api/data/batches/{batch_id}/rejected} and on the dead-letter topic). Lines without a
 * transaction id were given {@code <batch_id>-<row>}.
 *
 * @param duplicates lines ingested by an earlier request (a retry of this one included): not refused
 */
public record IngestionReport(String batchId, String format, long rows, long accepted, long duplicates,
                              long rejected, long inFlight, long late, long outOfOrder,
                              Map<String, Long> rejectedByReason, List<RowIssue> rejectedRows,
                              List<RowIssue> duplicateRows, boolean issuesTruncated) {

    /** Rows and refusals of one store within a batch, for data quality alerts. */
    static final class StoreOutcomes {
        long rows;
        long rejected;
        final Map<String, Long> rejectedByReason = new TreeMap<>();

        void add(RowOutcome o) {
            rows++;
            if (o.status() == RowOutcome.Status.REJECTED) {
                rejected++;
                rejectedByReason.merge(o.violations().get(0).code(), 1L, Long::sum);
            }
        }
    }

    /** Accumulates outcomes chunk by chunk. */
    static final class Tally {
        private final String batchId;
        private final String format;
        private final int maxReportedRows;
        private long rows;
        private long accepted;
        private long duplicates;
        private long rejected;
        private long inFlight;
        private long late;
        private long outOfOrder;
        private final Map<String, Long> rejectedByReason = new TreeMap<>();
        private final List<RowIssue> rejectedRows = new ArrayList<>();
        private final List<RowIssue> duplicateRows = new ArrayList<>();
        private final Map<String, StoreOutcomes> perStore = new HashMap<>();
        private boolean truncated;

        Tally(String batchId, String format, int maxReportedRows) {
            this.batchId = batchId;
            this.format = format;
            this.maxReportedRows = maxReportedRows;
        }

        void add(List<RowOutcome> outcomes) {
            for (RowOutcome o : outcomes) {
                rows++;
                String store = o.row().line() == null || o.row().line().storeId() == null ? ""
                        : o.row().line().storeId();
                perStore.computeIfAbsent(store, s -> new StoreOutcomes()).add(o);
                switch (o.status()) {
                    case ACCEPTED -> {
                        accepted++;
                        late += o.late() ? 1 : 0;
                        outOfOrder += o.outOfOrder() ? 1 : 0;
                    }
                    case DUPLICATE, IN_FLIGHT -> {
                        if (o.status() == RowOutcome.Status.DUPLICATE) {
                            duplicates++;
                        } else {
                            inFlight++;
                        }
                        list(duplicateRows, o);
                    }
                    case REJECTED -> {
                        rejected++;
                        rejectedByReason.merge(o.violations().get(0).code(), 1L, Long::sum);
                        list(rejectedRows, o);
                    }
                }
            }
        }

        private void list(List<RowIssue> issues, RowOutcome o) {
            if (rejectedRows.size() + duplicateRows.size() < maxReportedRows) {
                issues.add(o.issue());
            } else {
                truncated = true;
            }
        }

        Map<String, StoreOutcomes> perStore() {
            return perStore;
        }

        IngestionReport report() {
            return new IngestionReport(batchId, format, rows, accepted, duplicates, rejected, inFlight, late,
                    outOfOrder, new TreeMap<>(rejectedByReason), List.copyOf(rejectedRows),
                    List.copyOf(duplicateRows), truncated);
        }
    }
}
