package io.stockflow.ingestion.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Data quality over a window. Counts are by time of receipt; anomalies by sales date (UTC) within the window,
 * scored against a trailing baseline.
 */
public record QualityReport(Instant from, Instant to, String storeId, Totals totals,
                            Map<String, Long> rejectedByReason, List<StoreTotals> perStore,
                            Anomalies anomalies) {

    /**
     * @param received       every line: accepted, rejected, duplicates and in flight
     * @param duplicates     lines ingested before (retries, re-sent files): not a fault of the data
     * @param acceptanceRate accepted / (accepted + rejected); duplicates and in-flight lines do not lower it; null
     *                       when no line was accepted or rejected
     */
    public record Totals(long received, long accepted, long rejected, long duplicates, long inFlight, long late,
                         long outOfOrder, Double acceptanceRate) {
    }

    public record StoreTotals(String storeId, long accepted, long rejected, long duplicates, long late,
                              long outOfOrder) {
    }

    public record Anomalies(int baselineDays, double zScoreCutoff, List<AnomalyDetector.PriceOutlier> priceOutliers,
                            List<AnomalyDetector.QuantitySpike> quantitySpikes) {
    }
}
