package io.stockflow.inventory.simulation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InventorySimulatorTest {

    private static final SimulatedItem FAST = SimulatedItem.of("fast", DemandModel.negativeBinomial(40, 1.5), 15, 9,
            60, 0.25, 7, 1);
    private static final SimulatedItem SLOW = new SimulatedItem("slow", new DemandModel(0.4, 3, null), 80, 50, 30,
            0.3, null, 12, 2, 1, 1, null);

    private static SimulationResult simulate(List<SimulatedItem> items, Scenario scenario,
                                             SimulationSettings settings, PolicyKind... policies) {
        return InventorySimulator.simulate(new SimulationRequest(items, scenario, settings, List.of(policies)));
    }

    private static SimulationResult.Metrics total(SimulationResult result, PolicyKind kind) {
        return result.policies().stream().filter(policy -> policy.policy() == kind).findFirst().orElseThrow().total();
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        SimulationSettings settings = SimulationSettings.defaults(90, 5).withReplications(2);
        SimulationRequest request = new SimulationRequest(List.of(FAST, SLOW), Scenario.NONE, settings, null);
        SimulationResult first = InventorySimulator.simulate(request);
        assertThat(first.policies()).extracting(SimulationResult.PolicyResult::policy).containsExactly(
                PolicyKind.OPTIMISED, PolicyKind.NAIVE, PolicyKind.MIN_MAX, PolicyKind.Q_LEARNING);
        assertThat(InventorySimulator.simulate(request)).isEqualTo(first);

        SimulationResult other = InventorySimulator.simulate(new SimulationRequest(List.of(FAST, SLOW),
                Scenario.NONE, new SimulationSettings(90, 6, 2, 90, 0.98, 0.9, 7, 21, 7, 300), null));
        for (int k = 0; k < first.policies().size(); k++) {
            assertThat(other.policies().get(k).total().unitsDemanded())
                    .isNotEqualTo(first.policies().get(k).total().unitsDemanded());
            assertThat(other.policies().get(k).total()).isNotEqualTo(first.policies().get(k).total());
        }
    }

    /** Every policy faces the very same demand: the units demanded agree to the unit. */
    @Test
    void policiesShareTheirDemandHistories() {
        SimulationResult result = simulate(List.of(FAST, SLOW), Scenario.NONE, SimulationSettings.defaults(60, 1),
                PolicyKind.values());
        assertThat(result.policies()).extracting(policy -> policy.total().unitsDemanded()).containsOnly(
                result.policies().get(0).total().unitsDemanded());
    }

    /**
     * A 4× spike on days 40–54 that nobody foresaw makes every forecast-led policy run out more; the same spike as a
     * planned promotion lets the optimised policy stock up for it.
     */
    @Test
    void anUnforeseenSpikeCausesStockoutsThatAForeseenOneDoesNot() {
        SimulationSettings settings = SimulationSettings.defaults(90, 3).withReplications(4);
        Scenario viral = new Scenario(List.of(new Scenario.DemandWindow(40, 54, 4, false)), null, null, null);
        Scenario promotion = new Scenario(List.of(new Scenario.DemandWindow(40, 54, 4, true)), null, null, null);
        PolicyKind[] kinds = {PolicyKind.OPTIMISED, PolicyKind.NAIVE, PolicyKind.MIN_MAX};
        SimulationResult calm = simulate(List.of(FAST), Scenario.NONE, settings, kinds);
        SimulationResult spiked = simulate(List.of(FAST), viral, settings, kinds);
        for (PolicyKind kind : kinds) {
            assertThat(total(spiked, kind).stockoutDays()).as(kind.name())
                    .isGreaterThan(total(calm, kind).stockoutDays() + 3);
            assertThat(total(spiked, kind).fillRate()).as(kind.name()).isLessThan(total(calm, kind).fillRate());
        }
        SimulationResult planned = simulate(List.of(FAST), promotion, settings, PolicyKind.OPTIMISED);
        assertThat(total(planned, PolicyKind.OPTIMISED).unitsDemanded())
                .isEqualTo(total(spiked, PolicyKind.OPTIMISED).unitsDemanded());
        assertThat(total(planned, PolicyKind.OPTIMISED).fillRate()).isGreaterThan(0.95);
        assertThat(total(spiked, PolicyKind.OPTIMISED).fillRate()).isLessThan(0.9);
    }

    /**
     * 20% dearer from day 1 with the default elasticity −1.5: demand × 1.2^−1.5 = 0.7607, and every unit sells at
     * 1.2 × 15 = 18.
     */
    @Test
    void aPriceChangeMovesDemandAlongItsElasticityAndRevenueWithThePrice() {
        SimulationSettings settings = SimulationSettings.defaults(365, 8).withReplications(3);
        Scenario dearer = new Scenario(null, null, null, List.of(new Scenario.PriceChange(1, 1.2, null)));
        SimulationResult.Metrics before = total(simulate(List.of(FAST), Scenario.NONE, settings,
                PolicyKind.MIN_MAX), PolicyKind.MIN_MAX);
        SimulationResult.Metrics after = total(simulate(List.of(FAST), dearer, settings, PolicyKind.MIN_MAX),
                PolicyKind.MIN_MAX);
        // 43,800 units expected over 3 × 365 days; the ratio's noise is about 1%.
        assertThat(after.unitsDemanded() / before.unitsDemanded()).isCloseTo(0.7607, within(0.03));
        assertThat(after.revenue() / after.unitsSold()).isCloseTo(18, within(1e-9));
        assertThat(before.revenue() / before.unitsSold()).isCloseTo(15, within(1e-9));
    }

    /**
     * Trained Q-learning against the random ordering it starts from (0, a, 2a or 4a a day), on the same history of
     * the evaluation: it must cost less than half as much (the random policy buys 1.75 EOQs a day and drowns in
     * stock), and sell most of the demand.
     */
    @Test
    void qLearningLearnsToOrderFarBetterThanChance() {
        ItemCalendar calendar = new ItemCalendar(FAST, Scenario.NONE, 30, 365);
        DemandPath history = DemandPath.draw(calendar, 99);
        Tally trained = new Tally();
        ItemSimulation.run(calendar, history, QLearningPolicy.train(FAST, 300, 4), trained);
        Tally random = new Tally();
        ItemSimulation.run(calendar, history, QLearningPolicy.randomActions(FAST, 4), random);
        assertThat(trained.totalCost()).isLessThan(0.5 * random.totalCost());
        assertThat(trained.fillRate()).isGreaterThan(0.85);
    }

    @Test
    void invalidRequestsNameTheField() {
        SimulationSettings settings = SimulationSettings.defaults(180, 1);
        assertThatThrownBy(() -> simulate(List.of(FAST), Scenario.NONE, SimulationSettings.defaults(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings.days");
        assertThatThrownBy(() -> simulate(List.of(FAST), Scenario.NONE, SimulationSettings.defaults(731, 1)))
                .hasMessageContaining("settings.days");
        assertThatThrownBy(() -> simulate(List.of(), Scenario.NONE, settings)).hasMessageContaining("items");
        assertThatThrownBy(() -> simulate(List.of(FAST, FAST), Scenario.NONE, settings))
                .hasMessageContaining("items[1].id");
        assertThatThrownBy(() -> simulate(List.of(SimulatedItem.of("x", DemandModel.poisson(-1), 2, 1, 1, 0.2, 3,
                0)), Scenario.NONE, settings)).hasMessageContaining("items[0].demand.meanPerDay");
        assertThatThrownBy(() -> simulate(List.of(SimulatedItem.of("x", DemandModel.poisson(1), 2, 1, 1, 0.2, 0.5,
                0)), Scenario.NONE, settings)).hasMessageContaining("items[0].leadTimeDays");
        assertThatThrownBy(() -> simulate(List.of(FAST), new Scenario(List.of(new Scenario.DemandWindow(170, 181, 4,
                false)), null, null, null), settings)).hasMessageContaining("scenario.demandWindows[0].toDay");
        assertThatThrownBy(() -> simulate(List.of(FAST), new Scenario(List.of(new Scenario.DemandWindow(10, 20, 0,
                false)), null, null, null), settings)).hasMessageContaining("scenario.demandWindows[0].factor");
        assertThatThrownBy(() -> simulate(List.of(FAST), new Scenario(null, null, List.of(
                new Scenario.SupplierOutage(30, 20)), null), settings))
                .hasMessageContaining("scenario.supplierOutages[0].toDay");
        assertThatThrownBy(() -> simulate(List.of(FAST), new Scenario(null, null, null, List.of(
                new Scenario.PriceChange(10, 0.9, 1.0))), settings))
                .hasMessageContaining("scenario.priceChanges[0].elasticity");
        assertThatThrownBy(() -> simulate(List.of(FAST), Scenario.NONE, settings.withTargetFillRate(1)))
                .hasMessageContaining("settings.targetFillRate");
        assertThatThrownBy(() -> simulate(List.of(FAST), Scenario.NONE, settings, PolicyKind.NAIVE,
                PolicyKind.NAIVE)).hasMessageContaining("policies");
    }
}
