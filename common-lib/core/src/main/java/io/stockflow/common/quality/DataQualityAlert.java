package io.stockflow.common.quality;

import java.time.Instant;
import java.util.Map;

/**
 * Payload of {@code data.quality.alert} events on {@code data.quality.alerts} (key: store id): a batch refused
 * an unusual share of one store's rows, which usually means a broken till export or a changed integration.
 *
 * @param storeId          the store whose rows were refused ({@code ""} when the rows named none)
 * @param rejectedShare    rejected / rows of that store in the batch
 * @param rejectedByReason reason code → rows
 */
public record DataQualityAlert(String storeId, String batchId, Instant receivedAt, long rows, long rejected,
                               double rejectedShare, Map<String, Long> rejectedByReason, String severity) {

    public DataQualityAlert {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
