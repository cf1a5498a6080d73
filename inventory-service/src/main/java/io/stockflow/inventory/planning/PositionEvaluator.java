package io.stockflow.inventory.planning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.events.Topics;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.inventory.ReorderRecommended;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.forecast.ForecastRepository;
import io.stockflow.inventory.outbox.OutboxRepository;
import io.stockflow.inventory.planning.EvaluationRepository.AlertState;
import io.stockflow.inventory.planning.EvaluationRepository.AlertStateChange;
import io.stockflow.inventory.planning.EvaluationRepository.Changed;
import io.stockflow.inventory.planning.EvaluationRepository.Evaluated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Re-plans positions that changed (a sale, a receipt, new terms, a new forecast) and announces what changed:
 * alerts on {@code inventory.alerts} when a condition starts or ends (never again while it lasts), and a
 * {@code reorder.recommended} at most once per series and day. Policy parameters, alert states, events (through the
 * outbox) and audit entries are written in one transaction, and a position is marked evaluated only if it did not
 * change meanwhile. Once an hour, stock that stopped moving is swept in for its dead-stock check.
 */
public class PositionEvaluator {

    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(PositionEvaluator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final EvaluationRepository positions;
    private final TransactionalOperator transaction;
    private final Planning planning;
    private final OutboxRepository outbox;
    private final AuditTrail audit;
    private final ForecastRepository forecasts;
    private final Clock clock;
    private final int deadStockDays;
    private final Counter raised;
    private final Counter cleared;
    private final Counter recommended;
    private Instant lastSweep = Instant.EPOCH;

    PositionEvaluator(EvaluationRepository positions, TransactionalOperator transaction, Planning planning, OutboxRepository outbox,
                             AuditTrail audit, ForecastRepository forecasts, Clock clock, int deadStockDays,
                             MeterRegistry registry) {
        this.positions = positions;
        this.transaction = transaction;
        this.planning = planning;
        this.outbox = outbox;
        this.audit = audit;
        this.forecasts = forecasts;
        this.clock = clock;
        this.deadStockDays = deadStockDays;
        this.raised = Counter.builder("stockflow.inventory.alerts").tag("change", "raised")
                .description("inventory alerts raised and cleared").register(registry);
        this.cleared = Counter.builder("stockflow.inventory.alerts").tag("change", "cleared")
                .description("inventory alerts raised and cleared").register(registry);
        this.recommended = Counter.builder("stockflow.inventory.reorders.recommended")
                .description("reorder recommendations published").register(registry);
    }

    @Scheduled(fixedDelayString = "${stockflow.inventory.evaluation-interval}")
    public void evaluateChanged() {
        try {
            sweepIfDue();
            int count;
            do {
                count = evaluateBatch();
            } while (count == BATCH);
        } catch (Exception e) {
            log.warn("Position evaluation paused: {}", e.toString());
        }
    }

    /** @return how many positions were looked at */
    public int evaluateBatch() {
        List<Changed> changed = positions.changed(BATCH).block(TIMEOUT);
        if (changed.isEmpty()) {
            return 0;
        }
        Map<SeriesKey, Instant> versions = new LinkedHashMap<>();
        changed.forEach(c -> versions.put(c.series(), c.changedAt()));
        List<Planning.SeriesPlan> plans = planning.plan(versions.keySet()).collectList().block(TIMEOUT);
        Map<SeriesKey, Map<String, AlertState>> states = positions.alertStates(versions.keySet())
                .block(TIMEOUT);
        Instant now = clock.instant();
        List<OutboxRepository.Pending> events = new ArrayList<>();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        List<AlertStateChange> alertChanges = new ArrayList<>();
        Map<UUID, AuditTrail.Entry> recommendationAudit = new HashMap<>();
        for (Planning.SeriesPlan plan : plans) {
            Set<String> active = activeAlerts(plan);
            Map<String, AlertState> previous = states.getOrDefault(plan.series(), Map.of());
            Set<String> kinds = new LinkedHashSet<>(active);
            kinds.addAll(previous.keySet());
            for (String kind : kinds) {
                AlertState before = previous.getOrDefault(kind, new AlertState(false, 0));
                boolean on = active.contains(kind);
                if (on == before.active()) {
                    continue;
                }
                int episode = on ? before.episode() + 1 : before.episode();
                alertChanges.add(new AlertStateChange(plan.series(), kind, on, episode));
                InventoryAlert alert = alert(plan, kind, episode, now);
                String type = on ? EventTypes.INVENTORY_ALERT_RAISED : EventTypes.INVENTORY_ALERT_CLEARED;
                events.add(outbox.event(Topics.INVENTORY_ALERTS, type, DeterministicUuid.of("inventory-alert:"
                        + plan.series() + ":" + kind + ":" + episode + ":" + (on ? "raised" : "cleared")), now, alert));
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, on ? "alert.raised" : "alert.cleared", "item",
                        plan.series().toString(), Map.of("kind", kind, "episode", episode, "message",
                        alert.message())));
                (on ? raised : cleared).increment();
            }
            if (plan.plan() != null && plan.plan().orderNow()) {
                ReorderRecommended recommendation = recommendation(plan, planning.today());
                UUID id = DeterministicUuid.of("reorder-recommended:" + plan.series() + ":" + planning.today());
                events.add(outbox.event(Topics.REORDER_RECOMMENDED, EventTypes.REORDER_RECOMMENDED, id, now,
                        recommendation));
                recommendationAudit.put(id, new AuditTrail.Entry(AuditTrail.SYSTEM, "reorder.recommended", "item",
                        plan.series().toString(), ReorderExplanation.of(plan)));
            }
            if (plan.plan() != null && policyChanged(plan)) {
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, "policy.recomputed", "item",
                        plan.series().toString(), ReorderExplanation.policyChange(plan)));
            }
        }
        Mono<Void> write = outbox.add(events).collectList()
                .flatMap(fresh -> {
                    List<AuditTrail.Entry> all = new ArrayList<>(entries);
                    fresh.stream().map(recommendationAudit::get).filter(java.util.Objects::nonNull).forEach(all::add);
                    recommended.increment(fresh.stream().filter(recommendationAudit::containsKey).count());
                    return audit.recordAll(all);
                })
                .then(positions.saveAlertStates(alertChanges))
                .then(positions.markEvaluated(plans.stream().map(plan -> evaluated(plan, versions)).toList()));
        transaction.transactional(write).block(TIMEOUT);
        return changed.size();
    }

    private Set<String> activeAlerts(Planning.SeriesPlan plan) {
        Set<String> active = new LinkedHashSet<>();
        if (plan.plan() != null) {
            active.addAll(plan.plan().alerts());
        } else if (plan.position() != null && plan.position().onHand().signum() > 0
                && plan.daysWithoutMovement() != null && plan.daysWithoutMovement() >= deadStockDays) {
            active.add("dead_stock");
        }
        return active;
    }

    private static boolean policyChanged(Planning.SeriesPlan plan) {
        if (plan.position() == null || plan.position().reorderPoint() == null) {
            return true;
        }
        return Math.abs(plan.position().reorderPoint().doubleValue() - plan.plan().reorderPoint()) >= 0.5
                || Math.abs(plan.position().orderQuantity().doubleValue() - plan.plan().orderQuantity()) >= 0.5;
    }

    private static Evaluated evaluated(Planning.SeriesPlan series, Map<SeriesKey, Instant> versions) {
        Instant version = versions.get(series.series());
        ReorderPlanner.Plan plan = series.plan();
        if (plan == null) {
            return new Evaluated(series.series(), version, null, null, null, null);
        }
        return new Evaluated(series.series(), version, round(plan.reorderPoint()), round(plan.orderQuantity()),
                round(plan.safetyStock()), plan.daysOfCover() == null ? null
                : Math.min(round(plan.daysOfCover()), 9_999_999_999.0));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Stock that stopped moving, and housekeeping of consumed ids and sent events, once an hour. */
    void sweepIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) < 0) {
            return;
        }
        positions.requeueUnmoved(now.minus(Duration.ofDays(deadStockDays)))
                .then(forecasts.purgeProcessedBefore(now.minus(Duration.ofDays(35))))
                .then(outbox.purgeSentBefore(now.minus(Duration.ofDays(7))))
                .block(TIMEOUT);
        lastSweep = now;
    }

    private static InventoryAlert alert(Planning.SeriesPlan series, String kind, int episode, Instant now) {
        ReorderPlanner.Plan plan = series.plan();
        double onHand = series.position() == null ? 0 : series.position().onHand().doubleValue();
        double onOrder = series.position() == null ? 0 : series.position().onOrder().doubleValue();
        double allocated = series.position() == null ? 0 : series.position().allocated().doubleValue();
        double available = onHand + onOrder - allocated;
        String severity = switch (kind) {
            case "stockout_risk" -> "critical";
            case "below_reorder_point" -> "warning";
            default -> "info";
        };
        String message = switch (kind) {
            case "stockout_risk" -> String.format(java.util.Locale.ROOT,
                    "forecast demand over the %.1f-day lead time (%.1f) exceeds available stock (%.1f)",
                    series.terms().leadTimeDays(), plan.leadTimeDemand(), available);
            case "below_reorder_point" -> String.format(java.util.Locale.ROOT,
                    "available stock %.1f is at or below the reorder point %.1f", available, plan.reorderPoint());
            case "overstock" -> String.format(java.util.Locale.ROOT,
                    "available stock %.1f covers %.0f days of forecast demand", available, plan.daysOfCover());
            default -> "no stock movement for " + series.daysWithoutMovement() + " days with " + onHand
                    + " on hand";
        };
        return new InventoryAlert(series.series().storeId(), series.series().productId(), kind, episode, severity,
                message, onHand, onOrder, allocated, available,
                plan == null ? null : series.terms().leadTimeDays(), plan == null ? null : plan.leadTimeDemand(),
                plan == null ? null : plan.reorderPoint(), plan == null ? null : plan.daysOfCover(),
                plan == null ? null : plan.projectedStockoutDate(),
                kind.equals("dead_stock") ? series.daysWithoutMovement() : null, now);
    }

    static ReorderRecommended recommendation(Planning.SeriesPlan series, java.time.LocalDate today) {
        ReorderPlanner.Plan plan = series.plan();
        return new ReorderRecommended(series.series().storeId(), series.series().productId(),
                series.terms().item().supplierId(), plan.recommendedQuantity(), plan.urgency(), plan.available(),
                plan.reorderPoint(), plan.orderUpTo(), plan.safetyStock(), series.terms().leadTimeDays(),
                plan.leadTimeDemand(), plan.daysOfCover(), plan.projectedStockoutDate(),
                series.terms().targetFillRate(), today);
    }
}
