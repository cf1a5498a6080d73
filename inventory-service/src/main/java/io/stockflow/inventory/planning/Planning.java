package io.stockflow.inventory.planning;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.inventory.forecast.ForecastRepository;
import io.stockflow.inventory.forecast.StoredForecast;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.item.ResolvedTerms;
import io.stockflow.inventory.ledger.LedgerRepository;
import io.stockflow.inventory.ledger.StockPosition;
import io.stockflow.inventory.purchasing.PurchaseOrders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what planning a series needs — terms, latest forecast, position, open orders — and runs the
 * {@link ReorderPlanner}. A series without terms or without a forecast gets no plan (the reason says which).
 */
public class Planning {

    private final ItemRepository items;
    private final ForecastRepository forecasts;
    private final LedgerRepository ledger;
    private final PurchaseOrders orders;
    private final ReorderPlanner planner;
    private final Clock clock;
    private final ZoneId zone;

    public Planning(ItemRepository items, ForecastRepository forecasts, LedgerRepository ledger,
                    PurchaseOrders orders, ReorderPlanner planner, Clock clock, ZoneId zone) {
        this.items = items;
        this.forecasts = forecasts;
        this.ledger = ledger;
        this.orders = orders;
        this.planner = planner;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * One series' planning: {@code plan} is null when it cannot be planned, and {@code missing} says why
     * ({@code item_terms} or {@code forecast}).
     */
    public record SeriesPlan(SeriesKey series, StockPosition position, ResolvedTerms terms,
                             StoredForecast forecast, ReorderPlanner.Plan plan, String missing,
                             Long daysWithoutMovement) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Plans every item of the given stores and products (all where a list is empty), refusing with 400 when more
     * than {@code max} match.
     */
    public Mono<List<SeriesPlan>> planItems(List<String> storeIds, List<String> productIds, int max) {
        return items.keys(storeIds == null ? List.of() : storeIds, productIds == null ? List.of() : productIds,
                max + 1).collectList().flatMap(keys -> {
            if (keys.size() > max) {
                throw new ApiProblemException(Problems.invalidInput("too many items", List.of(FieldViolation.of(
                        "store_ids", "too_many_items", "more than " + max
                                + " items match; narrow the request by store_ids or product_ids"))));
            }
            return plan(keys).collectList();
        });
    }

    public Flux<SeriesPlan> plan(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        LocalDate today = today();
        Instant now = clock.instant();
        return Mono.zip(ledger.positions(keys).collectMap(p -> new SeriesKey(p.storeId(), p.productId())),
                        items.resolved(keys).collectMap(t -> new SeriesKey(t.item().storeId(), t.item().productId())),
                        forecasts.forecasts(keys).collectMap(f -> new SeriesKey(f.storeId(), f.productId())),
                        orders.openReceipts(keys).collectMultimap(PurchaseOrders.OpenReceipt::series))
                .flatMapMany(found -> {
                    List<SeriesPlan> plans = new ArrayList<>(keys.size());
                    for (SeriesKey key : keys) {
                        plans.add(plan(key, found.getT1().get(key), found.getT2().get(key), found.getT3().get(key),
                                found.getT4().getOrDefault(key, List.of()), today, now));
                    }
                    return Flux.fromIterable(plans);
                });
    }

    private SeriesPlan plan(SeriesKey key, StockPosition position, ResolvedTerms terms, StoredForecast forecast,
                            Collection<PurchaseOrders.OpenReceipt> receipts, LocalDate today, Instant now) {
        Long idle = position == null || position.lastMovementAt() == null ? null
                : Duration.between(position.lastMovementAt(), now).toDays();
        if (terms == null) {
            return new SeriesPlan(key, position, null, forecast, null, "item_terms", idle);
        }
        if (forecast == null) {
            return new SeriesPlan(key, position, terms, null, null, "forecast", idle);
        }
        Map<LocalDate, Double> due = new HashMap<>();
        for (PurchaseOrders.OpenReceipt receipt : receipts) {
            LocalDate day = receipt.expectedAt() == null || receipt.expectedAt().isBefore(today) ? today
                    : receipt.expectedAt();
            due.merge(day, receipt.quantity().doubleValue(), Double::sum);
        }
        ReorderPlanner.Stock stock = new ReorderPlanner.Stock(number(position == null ? null : position.onHand()),
                number(position == null ? null : position.onOrder()),
                number(position == null ? null : position.allocated()), idle, due);
        DemandOutlook outlook = new DemandOutlook(today, forecast.daily(), forecast.leadTimeTotals(),
                forecast.quantiles());
        ReorderPlanner.Terms planning = new ReorderPlanner.Terms(terms.unitCost(), terms.orderingCost(),
                terms.holdingCostRate(), terms.leadTimeDays(), terms.leadTimeSdDays(), terms.targetFillRate(),
                terms.item().minOrderQuantity().doubleValue(), terms.item().packSize().doubleValue(),
                terms.maxOrder());
        return new SeriesPlan(key, position, terms, forecast, planner.plan(outlook, planning, stock), null, idle);
    }

    private static double number(BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }
}
