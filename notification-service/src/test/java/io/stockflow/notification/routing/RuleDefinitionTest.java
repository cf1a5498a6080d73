package io.stockflow.notification.routing;

import io.stockflow.notification.alert.IncomingAlert;
import io.stockflow.notification.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RuleDefinitionTest {

    private static IncomingAlert alert(String type, Severity severity, String store, String product,
                                       Map<String, Object> fields) {
        return new IncomingAlert(UUID.randomUUID(), type, severity, store, product, "t", "m", fields,
                type + "|" + store + "|" + product, Instant.now(), false);
    }

    private static RuleDefinition rule(List<String> types, String minSeverity, List<String> stores, String pattern,
                                       List<RuleDefinition.Condition> conditions, RuleDefinition.QuietHours quiet) {
        return new RuleDefinition("r", null, types, minSeverity, stores, null, pattern, conditions, quiet, null, null,
                List.of(UUID.randomUUID()), null, null);
    }

    @Test
    void filtersByTypeSeverityStoreSkuPatternAndThresholds() {
        RuleDefinition rule = rule(List.of("inventory.stockout_risk"), "warning", List.of("S1"), "FRESH-*",
                List.of(new RuleDefinition.Condition("days_of_cover", "lt", 3.0)), null);
        Map<String, Object> lowCover = Map.of("days_of_cover", 1.5);
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.CRITICAL, "S1", "FRESH-MILK", lowCover)))
                .isTrue();
        assertThat(rule.matches(alert("inventory.overstock", Severity.CRITICAL, "S1", "FRESH-MILK", lowCover)))
                .isFalse();
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.INFO, "S1", "FRESH-MILK", lowCover)))
                .isFalse();
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.WARNING, "S2", "FRESH-MILK", lowCover)))
                .isFalse();
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.WARNING, "S1", "DRY-RICE", lowCover)))
                .isFalse();
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.WARNING, "S1", "FRESH-MILK",
                Map.of("days_of_cover", 3.0)))).isFalse();
        // A condition on a field the alert does not carry does not hold.
        assertThat(rule.matches(alert("inventory.stockout_risk", Severity.WARNING, "S1", "FRESH-MILK", Map.of())))
                .isFalse();
        assertThat(rule(null, null, null, null, null, null)
                .matches(alert("forecast.drift", Severity.INFO, "S9", "X", Map.of()))).isTrue();
    }

    /** Quiet 22:00–07:00 in Berlin (UTC+1 in November): 23:30 local waits until 07:00 local = 06:00Z. */
    @Test
    void quietHoursDeferToTheirEndOverMidnightAndCanLetCriticalThrough() {
        RuleDefinition.QuietHours night = new RuleDefinition.QuietHours("22:00", "07:00", "Europe/Berlin", true);
        Instant lateEvening = Instant.parse("2026-11-22T22:30:00Z");
        assertThat(night.deferral(lateEvening, Severity.WARNING)).contains(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(night.deferral(Instant.parse("2026-11-23T05:00:00Z"), Severity.WARNING))
                .contains(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(night.deferral(Instant.parse("2026-11-23T12:00:00Z"), Severity.WARNING)).isEmpty();
        assertThat(night.deferral(lateEvening, Severity.CRITICAL)).isEmpty();
        RuleDefinition.QuietHours lunch = new RuleDefinition.QuietHours("12:00", "13:00", "UTC", false);
        assertThat(lunch.deferral(Instant.parse("2026-11-22T12:15:00Z"), Severity.CRITICAL))
                .contains(Instant.parse("2026-11-22T13:00:00Z"));
    }

    @Test
    void invalidDefinitionsNameTheirFields() {
        RuleDefinition bad = new RuleDefinition("", null, List.of("weather"), "urgent", null, null, null,
                List.of(new RuleDefinition.Condition("Days Of Cover", "below", null)),
                new RuleDefinition.QuietHours("25:00", "07:00", "Mars/Olympus", null), -1,
                new RuleDefinition.Throttle(0, 60), List.of(), List.of(new RuleDefinition.EscalationStep(0,
                List.of())), null);
        assertThat(bad.violations()).extracting(error -> error[0]).containsExactly("name", "alert_types",
                "min_severity", "conditions", "quiet_hours", "dedup_window_minutes", "throttle", "subscription_ids",
                "escalation");
    }
}
