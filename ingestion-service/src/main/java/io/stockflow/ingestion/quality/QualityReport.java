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
