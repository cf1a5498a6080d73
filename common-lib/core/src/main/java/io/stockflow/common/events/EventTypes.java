package io.stockflow.common.events;

/** Event type names carried in {@link EventEnvelope#type()}. */
public final class EventTypes {

    public static final String POS_TRANSACTION_RECORDED = "pos.transaction.recorded";
    public static final String POS_TRANSACTION_REJECTED = "pos.transaction.rejected";
    public static final String DATA_QUALITY_ALERT = "data.quality.alert";
    public static final String FORECAST_UPDATED = "forecast.updated";
    public static final String FORECAST_DRIFT_DETECTED = "forecast.drift.detected";

    private EventTypes() {
    }
}
