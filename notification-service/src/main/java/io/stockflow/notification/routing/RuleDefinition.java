package io.stockflow.notification.routing;

import io.stockflow.notification.alert.IncomingAlert;
import io.stockflow.notification.alert.Severity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which alerts a rule takes and what it does with them. Every filter left out admits everything.
 *
 * @param alertTypes          e.g. {@code inventory.stockout_risk}, {@code forecast.drift} (see {@link #TYPES})
 * @param minSeverity         {@code info}, {@code warning} or {@code critical}
 * @param storeIds            locations
 * @param productIds          SKUs
 * @param productPattern      a SKU segment as a pattern, {@code *} for any run of characters (e.g. {@code FRESH-*})
 * @param conditions          thresholds on the alert's numeric fields, e.g. {@code days_of_cover lt 3}
 * @param quietHours          deliveries due inside them wait until they end (critical ones too, unless excepted)
 * @param dedupWindowMinutes  the same situation (type, store, product) is sent at most once per window (default 60)
 * @param throttle            at most {@code max} alerts per {@code perMinutes} through this rule; more are logged
 *                            as throttled, not sent
 * @param escalation          if the alert is still unacknowledged {@code afterMinutes} after the previous step, the
 *                            step's subscriptions are notified too
 * @param createPurchaseOrder for stockout-risk and below-reorder-point alerts: draft a purchase order for the item
 *                            through inventory (idempotent: the same recommendation on the same day is one draft)
 */
public record RuleDefinition(String name, Boolean enabled, List<String> alertTypes, String minSeverity,
                             List<String> storeIds, List<String> productIds, String productPattern,
                             List<Condition> conditions, QuietHours quietHours, Integer dedupWindowMinutes,
                             Throttle throttle, List<UUID> subscriptionIds, List<EscalationStep> escalation,
                             Boolean createPurchaseOrder) {

    public static final Set<String> TYPES = Set.of("inventory.stockout_risk", "inventory.below_reorder_point",
            "inventory.overstock", "inventory.dead_stock", "forecast.drift", "data_quality.rejections");
    static final Set<String> ORDERABLE = Set.of("inventory.stockout_risk", "inventory.below_reorder_point");
    private static final Set<String> OPERATORS = Set.of("lt", "lte", "gt", "gte", "eq");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public record Condition(String field, String op, Double value) {

        boolean holds(Map<String, Object> fields) {
            Object actual = fields.get(field);
            if (!(actual instanceof Number number)) {
                return false;
            }
            double x = number.doubleValue();
            return switch (op) {
                case "lt" -> x < value;
                case "lte" -> x <= value;
                case "gt" -> x > value;
                case "gte" -> x >= value;
                default -> x == value;
            };
        }
    }

    /** From {@code from} to {@code to} (local times; over midnight when {@code to} is earlier) in {@code zone}. */
    public record QuietHours(String from, String to, String zone, Boolean exceptCritical) {

        /** When a delivery due at {@code now} may go: empty for now, else the end of the quiet hours. */
        Optional<Instant> deferral(Instant now, Severity severity) {
            if (severity == Severity.CRITICAL && Boolean.TRUE.equals(exceptCritical)) {
                return Optional.empty();
            }
            ZonedDateTime local = now.atZone(ZoneId.of(zone));
            LocalTime start = LocalTime.parse(from);
            LocalTime end = LocalTime.parse(to);
            LocalTime time = local.toLocalTime();
            boolean overMidnight = end.isBefore(start);
            boolean inside = overMidnight ? !time.isBefore(start) || time.isBefore(end)
                    : !time.isBefore(start) && time.isBefore(end);
            if (!inside) {
                return Optional.empty();
            }
            ZonedDateTime until = local.with(end);
            if (!until.isAfter(local)) {
                until = until.plusDays(1);
            }
            return Optional.of(until.toInstant());
        }
    }

    public record Throttle(Integer max, Integer perMinutes) {
    }

    public record EscalationStep(Integer afterMinutes, List<UUID> subscriptionIds) {
    }

    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    public int dedupWindow() {
        return dedupWindowMinutes == null ? 60 : dedupWindowMinutes;
    }

    public List<EscalationStep> escalationSteps() {
        return escalation == null ? List.of() : escalation;
    }

    public boolean ordersFor(String type) {
        return Boolean.TRUE.equals(createPurchaseOrder) && ORDERABLE.contains(type);
    }

    /** Whether the rule takes the alert (quiet hours, dedup and throttling come after). */
    public boolean matches(IncomingAlert alert) {
        if (!isEnabled()) {
            return false;
        }
        if (alertTypes != null && !alertTypes.isEmpty() && !alertTypes.contains(alert.type())) {
            return false;
        }
        if (minSeverity != null && alert.severity().compareTo(Severity.of(minSeverity)) < 0) {
            return false;
        }
        if (storeIds != null && !storeIds.isEmpty() && !storeIds.contains(alert.storeId())) {
            return false;
        }
        if (productIds != null && !productIds.isEmpty() && !productIds.contains(alert.productId())) {
            return false;
        }
        if (productPattern != null && (alert.productId() == null
                || !glob(productPattern).matcher(alert.productId()).matches())) {
            return false;
        }
        if (conditions != null) {
            for (Condition condition : conditions) {
                if (!condition.holds(alert.fields())) {
                    return false;
                }
            }
        }
        return true;
    }

    Optional<Instant> deferral(Instant now, Severity severity) {
        return quietHours == null ? Optional.empty() : quietHours.deferral(now, severity);
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** What is wrong with the definition, field by field (subscriptions' existence is checked by the caller). */
    public List<String[]> violations() {
        List<String[]> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new String[] {"name", "1 to 200 characters"});
        }
        if (alertTypes != null) {
            for (String type : alertTypes) {
                if (!TYPES.contains(type)) {
                    errors.add(new String[] {"alert_types", "unknown alert type " + type + "; one of " + TYPES});
                }
            }
        }
        if (minSeverity != null) {
            try {
                Severity.of(minSeverity);
            } catch (IllegalArgumentException unknown) {
                errors.add(new String[] {"min_severity", "one of info, warning, critical"});
            }
        }
        if (conditions != null) {
            for (Condition condition : conditions) {
                if (condition == null || condition.field() == null || !FIELD.matcher(condition.field()).matches()
                        || !OPERATORS.contains(condition.op()) || condition.value() == null) {
                    errors.add(new String[] {"conditions", "each needs a snake_case field, op lt|lte|gt|gte|eq and a "
                            + "numeric value"});
                }
            }
        }
        if (quietHours != null) {
            try {
                LocalTime.parse(String.valueOf(quietHours.from()));
                LocalTime.parse(String.valueOf(quietHours.to()));
                ZoneId.of(String.valueOf(quietHours.zone()));
            } catch (DateTimeException bad) {
                errors.add(new String[] {"quiet_hours", "from and to as HH:mm and a time zone such as Europe/Berlin"});
            }
        }
        if (dedupWindowMinutes != null && (dedupWindowMinutes < 0 || dedupWindowMinutes > 10_080)) {
            errors.add(new String[] {"dedup_window_minutes", "0 to 10080 (a week)"});
        }
        if (throttle != null && (throttle.max() == null || throttle.max() < 1 || throttle.perMinutes() == null
                || throttle.perMinutes() < 1 || throttle.perMinutes() > 1440)) {
            errors.add(new String[] {"throttle", "max at least 1 and per_minutes 1 to 1440"});
        }
        if ((subscriptionIds == null || subscriptionIds.isEmpty()) && !Boolean.TRUE.equals(createPurchaseOrder)) {
            errors.add(new String[] {"subscription_ids", "at least one subscription (or create_purchase_order)"});
        }
        for (EscalationStep step : escalationSteps()) {
            if (step == null || step.afterMinutes() == null || step.afterMinutes() < 1
                    || step.subscriptionIds() == null || step.subscriptionIds().isEmpty()) {
                errors.add(new String[] {"escalation", "each step needs after_minutes ≥ 1 and subscription_ids"});
            }
        }
        return errors;
    }

    /** Every subscription the rule names, escalation included. */
    public Set<UUID> allSubscriptions() {
        Set<UUID> all = new java.util.LinkedHashSet<>();
        if (subscriptionIds != null) {
            all.addAll(subscriptionIds);
        }
        escalationSteps().stream().filter(step -> step != null && step.subscriptionIds() != null)
                .forEach(step -> all.addAll(step.subscriptionIds()));
        return all;
    }
}
