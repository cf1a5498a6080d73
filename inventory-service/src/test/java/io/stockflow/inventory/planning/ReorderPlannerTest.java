package io.stockflow.inventory.planning;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReorderPlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private final ReorderPlanner planner = new ReorderPlanner(120, 90);

    private static DemandOutlook perDay(double rate) {
        List<ForecastDay> days = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            days.add(new ForecastDay(TODAY.plusDays(i), rate, Map.of()));
        }
        double week = 7 * rate;
        return new DemandOutlook(TODAY, days, List.of(new LeadTimeTotal(7, week,
                Map.of("p10", week - 10, "p50", week, "p90", week + 12))), List.of("p10", "p50", "p90"));
    }

    /** Unit cost 4, ordering 50, holding 25%, lead time 7 days, β = 95%, MOQ 20, packs of 12. */
    private static ReorderPlanner.Terms terms(Double maxOrder) {
        return new ReorderPlanner.Terms(4, 50, 0.25, 7, 0, 0.95, 20, 12, maxOrder);
    }

    private static ReorderPlanner.Stock stock(double onHand, double onOrder, double allocated, Long idleDays) {
        return new ReorderPlanner.Stock(onHand, onOrder, allocated, idleDays, Map.of());
    }

    /**
     * 10 a day: annual demand 3,650, EOQ √(2 × 3,650 × 50 / (0.25 × 4)) = 604.15 → 51 packs of 12 = 612. With Q that
     * large, 5% of Q (30.6 units) may be short per cycle, more than the 7-day total's loss at its mean, so β needs no
     * safety stock: r = 70. At 65 available: order up to 682 → 617 → 52 packs = 624; 65 on hand lasts until day 6,
     * before an order placed today arrives on day 7.
     */
    @Test
    void belowTheReorderPointItOrdersUpToRPlusQInWholePacksWithTheNumbersBehindIt() {
        ReorderPlanner.Plan plan = planner.plan(perDay(10), terms(null), stock(65, 0, 0, 0L));
        assertThat(plan.orderQuantity()).isEqualTo(612);
        assertThat(plan.safetyStock()).isZero();
        assertThat(plan.reorderPoint()).isCloseTo(70, within(1e-9));
        assertThat(plan.recommendedQuantity()).isEqualTo(624);
        assertThat(plan.urgency()).isEqualTo("critical");
        assertThat(plan.projectedStockoutDate()).isEqualTo(TODAY.plusDays(6));
        assertThat(plan.daysOfCover()).isCloseTo(6.5, within(1e-9));
        assertThat(plan.alerts()).containsExactly("stockout_risk", "below_reorder_point");
        assertThat(plan.expectedFillRate()).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * A small order makes β bind: ordering cost 0.01 gives EOQ 8.5, raised to a day's demand (10) and one pack (12);
     * 5% of 12 is 0.6 units short a cycle, far below the loss at the mean (≈ 3.7), so r rises above 70.
     */
    @Test
    void aSmallOrderQuantityNeedsSafetyStockForTheFillRate() {
        ReorderPlanner.Terms cheapOrders = new ReorderPlanner.Terms(4, 0.01, 0.25, 7, 0, 0.95, 0, 12, null);
        ReorderPlanner.Plan plan = planner.plan(perDay(10), cheapOrders, stock(200, 0, 0, 0L));
        assertThat(plan.orderQuantity()).isEqualTo(12);
        assertThat(plan.safetyStock()).isGreaterThan(0);
        assertThat(plan.expectedFillRate()).isCloseTo(0.95, within(1e-6));
        assertThat(plan.recommendedQuantity()).isZero();
        assertThat(plan.alerts()).isEmpty();
    }

    @Test
    void onOrderAndAllocatedStockCountInAvailableAndOnlyLeadTimeDemandAboveItIsAStockoutRisk() {
        ReorderPlanner.Plan covered = planner.plan(perDay(10), terms(null), stock(40, 60, 0, 0L));
        assertThat(covered.available()).isEqualTo(100);
        assertThat(covered.alerts()).isEmpty();
        ReorderPlanner.Plan promised = planner.plan(perDay(10), terms(null), stock(40, 60, 35, 0L));
        assertThat(promised.available()).isEqualTo(65);
        assertThat(promised.alerts()).contains("stockout_risk");
    }

    @Test
    void theLargestOrderCapsTheQuantityInWholePacks() {
        ReorderPlanner.Plan plan = planner.plan(perDay(10), terms(100.0), stock(0, 0, 0, 0L));
        assertThat(plan.recommendedQuantity()).isEqualTo(96);
        assertThat(plan.cappedByMaxOrder()).isTrue();
    }

    @Test
    void overstockAndDeadStock() {
        // r + Q + 120 days × 10 = 70 + 612 + 1,200 = 1,882.
        assertThat(planner.plan(perDay(10), terms(null), stock(1_900, 0, 0, 3L)).alerts())
                .containsExactly("overstock");
        assertThat(planner.plan(perDay(10), terms(null), stock(1_800, 0, 0, 3L)).alerts()).isEmpty();
        ReorderPlanner.Plan idle = planner.plan(perDay(0), terms(null), stock(30, 0, 0, 95L));
        assertThat(idle.alerts()).containsExactly("dead_stock");
        assertThat(idle.recommendedQuantity()).isZero();
        assertThat(idle.daysOfCover()).isNull();
    }
}
