package io.stockflow.common.events;

/** Kafka topic names (see the README's topic table). Keys are {@link SeriesKey} unless stated. */
public final class Topics {

    public static final String POS_TRANSACTIONS = "pos.transactions";
    public static final String POS_TRANSACTIONS_DLQ = "pos.transactions.dlq";
    public static final String FORECASTS_UPDATED = "forecasts.updated";
    public static final String FORECAST_DRIFT = "forecast.drift";
    public static final String INVENTORY_ALERTS = "inventory.alerts";
    public static final String REORDER_RECOMMENDED = "reorder.recommended";
    /** Keyed by store id. */
    public static final String DATA_QUALITY_ALERTS = "data.quality.alerts";

    private Topics() {
    }
}
