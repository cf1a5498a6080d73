package io.stockflow.common.events;

import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.inventory.ReorderRecommended;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.common.series.SeriesKey;

import java.util.List;
import java.util.Set;

/**
 * Every Stockflow topic, in one place (the README's topic table says the same): name, key, payload type, schema
 * version and event types. Per-series topics are keyed {@code store_id|product_id} ({@link SeriesKey}), so one
 * series stays in one partition and every consumer sees it in order.
 */
public final class Topics {

    private static final String SERIES = "store_id|product_id";

    public static final Topic<PosTransaction> POS_TRANSACTIONS = new Topic<>("pos.transactions", SERIES,
            line -> line.seriesKey().toString(), PosTransaction.class, 1,
            Set.of(EventTypes.POS_TRANSACTION_RECORDED));

    /** Rows ingestion refused, with the original text and the reason; keyed by series when the row named one. */
    public static final Topic<RejectedRecord> POS_TRANSACTIONS_DLQ = new Topic<>("pos.transactions.dlq",
            SERIES + " (when readable)", RejectedRecord::seriesKey, RejectedRecord.class, 1,
            Set.of(EventTypes.POS_TRANSACTION_REJECTED));

    public static final Topic<ForecastUpdated> FORECASTS_UPDATED = new Topic<>("forecasts.updated", SERIES,
            forecast -> new SeriesKey(forecast.storeId(), forecast.productId()).toString(), ForecastUpdated.class, 1,
            Set.of(EventTypes.FORECAST_UPDATED));

    public static final Topic<ForecastDrift> FORECAST_DRIFT = new Topic<>("forecast.drift", SERIES,
            drift -> new SeriesKey(drift.storeId(), drift.productId()).toString(), ForecastDrift.class, 1,
            Set.of(EventTypes.FORECAST_DRIFT_DETECTED));

    public static final Topic<InventoryAlert> INVENTORY_ALERTS = new Topic<>("inventory.alerts", SERIES,
            alert -> new SeriesKey(alert.storeId(), alert.productId()).toString(), InventoryAlert.class, 1,
            Set.of(EventTypes.INVENTORY_ALERT_RAISED, EventTypes.INVENTORY_ALERT_CLEARED));

    public static final Topic<ReorderRecommended> REORDER_RECOMMENDED = new Topic<>("reorder.recommended", SERIES,
            reorder -> new SeriesKey(reorder.storeId(), reorder.productId()).toString(), ReorderRecommended.class,
            1, Set.of(EventTypes.REORDER_RECOMMENDED));

    public static final Topic<DataQualityAlert> DATA_QUALITY_ALERTS = new Topic<>("data.quality.alerts",
            "store_id", DataQualityAlert::storeId, DataQualityAlert.class, 1, Set.of(EventTypes.DATA_QUALITY_ALERT));

    /** Every topic above: each Kafka service declares them all at start-up, with the same partition count. */
    public static final List<Topic<?>> ALL = List.of(POS_TRANSACTIONS, POS_TRANSACTIONS_DLQ, FORECASTS_UPDATED,
            FORECAST_DRIFT, INVENTORY_ALERTS, REORDER_RECOMMENDED, DATA_QUALITY_ALERTS);

    private Topics() {
    }
}
