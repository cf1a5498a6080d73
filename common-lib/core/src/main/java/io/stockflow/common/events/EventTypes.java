package io.stockflow.common.events;

/** Event type names carried in {@link EventEnvelope#type()}. */
public final class EventTypes {

    public static final String POS_TRANSACTION_RECORDED = "pos.transaction.recorded";
    public static final String POS_TRANSACTION_REJECTED = "pos.transaction.rejected";
    public static final String DATA_QUALITY_ALERT = "data.quality.alert";
    public static final String FORECAST_UPDATED = "forecast.updated";
    public static final String FORECAST_DRIFT_DETECTED = "forecast.drift.detected";
    public static final String INVENTORY_ALERT_RAISED = "inventory.alert.raised";
    public static final String INVENTORY_ALERT_CLEARED = "inventory.alert.cleared";
    public static final String REORDER_RECOMMENDED = "reorder.recommended";

    private EventTypes() {
    }
}
