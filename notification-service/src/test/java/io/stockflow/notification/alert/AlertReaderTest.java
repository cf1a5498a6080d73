package io.stockflow.notification.alert;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.quality.DataQualityAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlertReaderTest {

    private final AlertReader reader = new AlertReader(StockflowJson.mapper());
    private final Instant now = Instant.parse("2026-11-22T09:00:00Z");

    @Test
    void inventoryAlertsKeepTheirKindSeverityAndFieldsAndClearedOnesEndTheSituation() {
        InventoryAlert payload = new InventoryAlert("S1", "P1", "dead_stock", 2, "info", "no stock movement for 95 days",
                40, 0, 0, 40, null, null, null, null, null, 95L, now);
        IncomingAlert raised = reader.inventory(new EventEnvelope<>(UUID.randomUUID(),
                EventTypes.INVENTORY_ALERT_RAISED, 1, now, "inventory-service", payload));
        assertThat(raised.type()).isEqualTo("inventory.dead_stock");
        assertThat(raised.severity()).isEqualTo(Severity.INFO);
        assertThat(raised.title()).isEqualTo("Dead stock of P1 at S1");
        assertThat(((Number) raised.fields().get("days_without_movement")).longValue()).isEqualTo(95);
        assertThat(((Number) raised.fields().get("available")).doubleValue()).isEqualTo(40.0);
        assertThat(raised.dedupKey()).isEqualTo("inventory.dead_stock|S1|P1");
        assertThat(raised.clears()).isFalse();
        IncomingAlert cleared = reader.inventory(new EventEnvelope<>(UUID.randomUUID(),
                EventTypes.INVENTORY_ALERT_CLEARED, 1, now, "inventory-service", payload));
        assertThat(cleared.clears()).isTrue();
        assertThat(cleared.dedupKey()).isEqualTo(raised.dedupKey());
    }

    @Test
    void driftIsCriticalFromTwiceItsLimitAndSaysWhichWay() {
        ForecastDrift mild = new ForecastDrift("S1", "P1", 7, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 21),
                21, 4.5, 4, 2.1, 2.3, 5.5, "under_forecast");
        IncomingAlert warning = reader.drift(new EventEnvelope<>(UUID.randomUUID(),
                EventTypes.FORECAST_DRIFT_DETECTED, 1, now, "forecasting-service", mild));
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.message()).contains("fall short of demand").contains("tracking signal 4.5 beyond ±4.0");
        ForecastDrift strong = new ForecastDrift("S1", "P1", 7, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 21), 21, -8.2, 4, -2.1, 2.3, 9.5, "over_forecast");
        assertThat(reader.drift(new EventEnvelope<>(UUID.randomUUID(), EventTypes.FORECAST_DRIFT_DETECTED, 1, now,
                "forecasting-service", strong)).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void dataQualityAlertsAreAboutAStore() {
        DataQualityAlert quality = new DataQualityAlert("S7", "B-1", now, 1_000, 600, 0.6,
                Map.of("negative_price", 600L), "critical");
        IncomingAlert alert = reader.dataQuality(new EventEnvelope<>(UUID.randomUUID(),
                EventTypes.DATA_QUALITY_ALERT, 1, now, "ingestion-service", quality));
        assertThat(alert.type()).isEqualTo("data_quality.rejections");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.productId()).isNull();
        assertThat(alert.message()).contains("refused 600 of 1000 rows (60.0%)");
        assertThat(((Number) alert.fields().get("rejected_share")).doubleValue()).isEqualTo(0.6);
    }
}
