package io.stockflow.notification.alert;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.quality.DataQualityAlert;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;
import java.util.Map;

/**
 * Reads the events of inventory, forecasting and ingestion into {@link IncomingAlert}s: one vocabulary of types and
 * severities for rules, and a title and message a person can act on.
 */
public final class AlertReader {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JsonMapper json;

    public AlertReader(JsonMapper json) {
        this.json = json;
    }

    public IncomingAlert inventory(EventEnvelope<InventoryAlert> event) {
        InventoryAlert alert = event.payload();
        String type = "inventory." + alert.kind();
        boolean clears = EventTypes.INVENTORY_ALERT_CLEARED.equals(event.type());
        String what = switch (alert.kind()) {
            case "stockout_risk" -> "Stockout risk";
            case "below_reorder_point" -> "Below reorder point";
            case "overstock" -> "Overstock";
            case "dead_stock" -> "Dead stock";
            default -> alert.kind();
        };
        return new IncomingAlert(event.eventId(), type, Severity.of(alert.severity()), alert.storeId(),
                alert.productId(), (clears ? "Cleared: " : "") + what + " of " + alert.productId() + " at "
                + alert.storeId(), alert.message(), fields(alert), key(type, alert.storeId(), alert.productId()),
                event.occurredAt(), clears);
    }

    public IncomingAlert drift(EventEnvelope<ForecastDrift> event) {
        ForecastDrift drift = event.payload();
        Severity severity = Math.abs(drift.trackingSignal()) >= 2 * drift.threshold() ? Severity.CRITICAL
                : Severity.WARNING;
        String message = String.format(Locale.ROOT, "forecasts of %s at %s %s demand for %d days (%s to %s): "
                        + "tracking signal %.1f beyond ±%.1f", drift.productId(), drift.storeId(),
                drift.direction().equals("under_forecast") ? "fall short of" : "exceed", drift.days(),
                drift.windowStart(), drift.windowEnd(), drift.trackingSignal(), drift.threshold());
        return new IncomingAlert(event.eventId(), "forecast.drift", severity, drift.storeId(), drift.productId(),
                "Forecast drift of " + drift.productId() + " at " + drift.storeId(), message, fields(drift),
                key("forecast.drift", drift.storeId(), drift.productId()), event.occurredAt(), false);
    }

    public IncomingAlert dataQuality(EventEnvelope<DataQualityAlert> event) {
        DataQualityAlert quality = event.payload();
        String message = String.format(Locale.ROOT, "batch %s refused %d of %d rows (%.1f%%) of store %s: %s",
                quality.batchId(), quality.rejected(), quality.rows(), 100 * quality.rejectedShare(),
                quality.storeId(), quality.rejectedByReason());
        return new IncomingAlert(event.eventId(), "data_quality.rejections", Severity.of(quality.severity()),
                quality.storeId(), null, "Data quality: rows refused for store " + quality.storeId(), message,
                fields(quality), key("data_quality.rejections", quality.storeId(), null), event.occurredAt(), false);
    }

    private Map<String, Object> fields(Object payload) {
        return json.convertValue(payload, FIELDS);
    }

    static String key(String type, String storeId, String productId) {
        return type + "|" + (storeId == null ? "" : storeId) + "|" + (productId == null ? "" : productId);
    }
}
