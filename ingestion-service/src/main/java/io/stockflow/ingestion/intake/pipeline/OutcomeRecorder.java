package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.ingestion.batches.BatchRepository;
import io.stockflow.ingestion.batches.RejectedRow;
import io.stockflow.ingestion.intake.reading.ParsedRow;
import io.stockflow.ingestion.publish.PosEventPublisher;
import io.stockflow.ingestion.quality.ChunkStatistics;
import io.stockflow.ingestion.quality.ChunkStatistics.Outcome;
import io.stockflow.ingestion.quality.StatisticsBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps account of what became of rows: refused rows go to the dead-letter topic and, for whoever must fix them,
 * to PostgreSQL; every outcome is counted in the statistics and metrics, and a batch that refused much of a
 * store's rows raises a data quality alert. Duplicates are counted as such, never as refused.
 */
class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final Duration KEEP_TIMEOUT = Duration.ofSeconds(30);

    private final PosEventPublisher publisher;
    private final BatchRepository batches;
    private final StatisticsBuffer statistics;
    private final IngestionMetrics metrics;
    private final long alertMinRejected;
    private final double alertRejectedShare;

    OutcomeRecorder(PosEventPublisher publisher, BatchRepository batches, StatisticsBuffer statistics,
                    IngestionMetrics metrics, long alertMinRejected, double alertRejectedShare) {
        this.publisher = publisher;
        this.batches = batches;
        this.statistics = statistics;
        this.metrics = metrics;
        this.alertMinRejected = alertMinRejected;
        this.alertRejectedShare = alertRejectedShare;
    }

    /**
     * Keeps the refused rows of a chunk for whoever must fix them (PostgreSQL, read back by
     * {@code /api/data/batches/{id}/rejected}) and on the dead-letter topic.
     *
     * @return why they could not all be kept, or null
     */
    DependencyUnavailableException keepRejected(BatchContext batch, List<RowOutcome> outcomes) {
        List<RejectedRecord> rejected = new ArrayList<>();
        for (RowOutcome o : outcomes) {
            if (o.status() == RowOutcome.Status.REJECTED) {
                ParsedRow row = o.row();
                rejected.add(new RejectedRecord(batch.batchId(), row.row(), batch.format(), o.violations().get(0)
                        .code(), o.violations(), row.raw(), batch.csvHeader(), batch.receivedAt(),
                        batch.requestId(), seriesKeyOrNull(row.line())));
            }
        }
        if (rejected.isEmpty()) {
            return null;
        }
        try {
            batches.keepRejectedRows(batch.batchId(), batch.attemptId(), batch.receivedAt(), rejected.stream()
                    .map(r -> new RejectedRow(r.row(), r.reason(), r.errors(), r.payload())).toList())
                    .block(KEEP_TIMEOUT);
        } catch (RuntimeException e) {
            return new DependencyUnavailableException("postgresql", e);
        }
        Throwable failure = publisher.deadLetter(rejected);
        return failure == null ? null : new DependencyUnavailableException("kafka", failure);
    }

    void record(BatchContext batch, List<RowOutcome> outcomes) {
        ChunkStatistics stats = new ChunkStatistics(batch.receivedAt());
        for (RowOutcome o : outcomes) {
            PosTransaction line = o.row().line();
            String store = line == null ? null : line.storeId();
            switch (o.status()) {
                case ACCEPTED -> {
                    stats.count(store, Outcome.ACCEPTED, null);
                    stats.sold(line);
                    if (o.late()) {
                        stats.count(store, Outcome.LATE, null);
                    }
                    if (o.outOfOrder()) {
                        stats.count(store, Outcome.OUT_OF_ORDER, null);
                    }
                }
                case DUPLICATE -> stats.count(store, Outcome.DUPLICATE, "already_ingested");
                case IN_FLIGHT -> stats.count(store, Outcome.IN_FLIGHT, null);
                case REJECTED -> stats.count(store, Outcome.REJECTED, o.violations().get(0).code());
            }
        }
        metrics.record(stats);
        statistics.add(stats);
    }

    /** Keeps a refused single transaction, whole, on the dead-letter topic. */
    void rejectTransaction(BatchContext batch, String raw, List<FieldViolation> violations) {
        RejectedRecord record = new RejectedRecord(batch.batchId(), 0, batch.format(), violations.get(0).code(),
                violations, raw, null, batch.receivedAt(), batch.requestId(), null);
        Throwable failure = publisher.deadLetter(List.of(record));
        if (failure != null) {
            log.warn("could not dead-letter refused transaction {}", batch.batchId(), failure);
        }
        ChunkStatistics stats = new ChunkStatistics(batch.receivedAt());
        stats.count(null, Outcome.REJECTED, violations.get(0).code());
        metrics.record(stats);
        statistics.add(stats);
    }

    /**
     * Publishes a {@code data.quality.alert} for every store of the batch whose refused share crossed the
     * thresholds. Best effort: the batch's answer does not depend on it.
     */
    void raiseQualityAlerts(BatchContext batch, Map<String, IngestionReport.StoreOutcomes> perStore) {
        List<DataQualityAlert> alerts = new ArrayList<>();
        perStore.forEach((store, outcomes) -> {
            double share = (double) outcomes.rejected / outcomes.rows;
            if (outcomes.rejected >= alertMinRejected && share >= alertRejectedShare) {
                alerts.add(new DataQualityAlert(store, batch.batchId(), batch.receivedAt(), outcomes.rows,
                        outcomes.rejected, Math.round(share * 10000) / 10000.0, outcomes.rejectedByReason,
                        share >= 0.5 ? "critical" : "warning"));
            }
        });
        Throwable failure = publisher.qualityAlerts(alerts);
        if (failure != null) {
            log.warn("could not publish data quality alerts of batch {}", batch.batchId(), failure);
        }
    }

    private static String seriesKeyOrNull(PosTransaction line) {
        if (line == null || line.storeId() == null || line.productId() == null) {
            return null;
        }
        try {
            return line.seriesKey().toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
