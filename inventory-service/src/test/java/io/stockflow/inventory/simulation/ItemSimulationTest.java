package io.stockflow.inventory.simulation;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The day loop on fixed demand, checked against inventory cycles worked out by hand. */
class ItemSimulationTest {

    /** Price 10, cost 4, ordering 25, holding 36.5%/year (0.004 a unit-day), fixed lead time, 40 on hand. */
    private static SimulatedItem item(double leadTimeDays) {
        return new SimulatedItem("hand", DemandModel.poisson(10), 10, 4, 25, 0.365, null, leadTimeDays, 0, 1, 1,
                40);
    }

    /** Order 50 when the position is at most 20. */
    private static final OrderPolicy REORDER_20_ORDER_50 = new OrderPolicy() {
        @Override
        public long order(Review review) {
            return review.position() <= 20 ? 50 : 0;
        }

        @Override
        public String parameters() {
            return "r = 20, Q = 50";
        }
    };

    private static Tally run(SimulatedItem item, Scenario scenario, int leadTime) {
        ItemCalendar calendar = new ItemCalendar(item, scenario, 0, 10);
        int[] demand = new int[10];
        Arrays.fill(demand, 10);
        int[] leadTimes = new int[10];
        Arrays.fill(leadTimes, leadTime);
        Tally tally = new Tally();
        ItemSimulation.run(calendar, new DemandPath(demand, leadTimes), REORDER_20_ORDER_50, tally);
        return tally;
    }

    /**
     * 10 a day, lead time 4. End-of-day stock: 30, 20 (order 50, due day 6), 10, 0, 0 (10 lost), 40 (50 received),
     * 30, 20 (order 50, due day 12, after the end), 10, 0: 160 unit-days. One cycle ends with the day-6 arrival and
     * had a stockout; the open one from day 6 had none, so it is not counted: CSL 0 of 1.
     */
    @Test
    void anInventoryCycleWorkedOutByHand() {
        Tally tally = run(item(4), Scenario.NONE, 4);
        SimulationResult.Metrics metrics = tally.metrics(10, 1);
        assertThat(metrics.unitsDemanded()).isEqualTo(100);
        assertThat(metrics.unitsSold()).isEqualTo(90);
        assertThat(metrics.fillRate()).isEqualTo(0.9);
        assertThat(metrics.stockoutDays()).isEqualTo(1);
        assertThat(metrics.replenishmentCycles()).isEqualTo(1);
        assertThat(metrics.cycleServiceLevel()).isZero();
        assertThat(metrics.orders()).isEqualTo(2);
        assertThat(metrics.averageOnHandUnits()).isEqualTo(16);
        assertThat(metrics.averageOnHandValue()).isEqualTo(64);
        assertThat(metrics.holdingCost()).isCloseTo(160 * 0.004, within(1e-9));
        assertThat(metrics.orderingCost()).isEqualTo(50);
        assertThat(metrics.shortageCost()).isEqualTo(10 * 6);
        assertThat(metrics.revenue()).isEqualTo(900);
        assertThat(metrics.costOfGoodsSold()).isEqualTo(360);
        assertThat(metrics.profit()).isCloseTo(900 - 360 - 0.64 - 50, within(1e-9));
        // 360 × 365/10 a year over 64 of stock.
        assertThat(metrics.inventoryTurnover()).isCloseTo(205.3125, within(1e-9));
    }

    /**
     * Lead time 2: orders on days 2 and 7 arrive on days 4 and 9 before the shelf empties; stock 30, 20, 10, 50, 40,
     * 30, 20, 10, 50, 40 (300 unit-days); two cycles end with an arrival, neither with a stockout.
     */
    @Test
    void aShortLeadTimeNeverRunsOut() {
        SimulationResult.Metrics metrics = run(item(2), Scenario.NONE, 2).metrics(10, 1);
        assertThat(metrics.fillRate()).isEqualTo(1);
        assertThat(metrics.averageOnHandUnits()).isEqualTo(30);
        assertThat(metrics.replenishmentCycles()).isEqualTo(2);
        assertThat(metrics.cycleServiceLevel()).isEqualTo(1);
    }

    /**
     * The same with a supplier outage on days 3–6: the order due on day 4 arrives on day 7, so days 5 and 6 sell
     * nothing (20 lost) and, the position being 50 all along, nothing more is ordered.
     */
    @Test
    void anOutageHoldsDeliveriesUntilItEnds() {
        Scenario outage = new Scenario(null, null, List.of(new Scenario.SupplierOutage(3, 6)), null);
        SimulationResult.Metrics metrics = run(item(2), outage, 2).metrics(10, 1);
        assertThat(metrics.unitsLost()).isEqualTo(20);
        assertThat(metrics.stockoutDays()).isEqualTo(2);
        // Stock: 30, 20, 10, 0, 0, 0, 40, 30, 20 (order, due day 11), 10.
        assertThat(metrics.averageOnHandUnits()).isEqualTo(16);
        assertThat(metrics.orders()).isEqualTo(2);
    }

    /** Lead time × 2 for orders placed on days 1–10: every order takes 4 days, as in the hand-worked cycle. */
    @Test
    void aLeadTimeDisruptionStretchesOrdersPlacedInIt() {
        Scenario slow = new Scenario(null, List.of(new Scenario.LeadTimeDisruption(1, 10, 2)), null, null);
        assertThat(run(item(2), slow, 2).metrics(10, 1)).isEqualTo(run(item(4), Scenario.NONE, 4).metrics(10, 1));
    }
}
