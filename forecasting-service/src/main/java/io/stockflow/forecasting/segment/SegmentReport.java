package io.stockflow.forecasting.segment;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/ml/segments}: demand segments of the selected series over their last {@code windowDays} days.
 *
 * @param counts how many series fall in each ABC and XYZ class
 */
public record SegmentReport(int k, int windowDays, List<Segmentation.Cluster> clusters, List<Series> series,
                            Map<String, Map<Character, Long>> counts) {

    /** One series' segment, ABC and XYZ classes, and its Syntetos–Boylan demand pattern. */
    public record Series(String storeId, String productId, int cluster, char abc, char xyz, String demandPattern,
                         DemandProfile profile) {
    }
}
