package io.stockflow.inventory.tools;

import io.stockflow.inventory.simulation.InventorySimulator;
import io.stockflow.inventory.simulation.PolicyKind;
import io.stockflow.inventory.simulation.Scenario;
import io.stockflow.inventory.simulation.SimulatedItem;
import io.stockflow.inventory.simulation.SimulationRequest;
import io.stockflow.inventory.simulation.SimulationResult;
import io.stockflow.inventory.simulation.SimulationSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's fixed item set in the service's simulator (moved here with the benchmark from the service). */
class SimulationBenchmarkTest {

    private static SimulationResult.Metrics simulate(List<SimulatedItem> items, SimulationSettings settings,
                                                     PolicyKind kind) {
        SimulationResult result = InventorySimulator.simulate(new SimulationRequest(items, Scenario.NONE, settings,
                List.of(kind)));
        return result.policies().stream().filter(policy -> policy.policy() == kind).findFirst().orElseThrow().total();
    }

    @Test
    void theItemSetIsFixedWhateverTheSimulationSeed() {
        assertThat(SimulationBenchmark.itemSet(20)).isEqualTo(SimulationBenchmark.itemSet(20));
        assertThat(SimulationBenchmark.itemSet(50)).hasSize(50).startsWith(
                SimulationBenchmark.itemSet(20).toArray(SimulatedItem[]::new));
    }

    /**
     * A moderate fixed set (the benchmark's first 20 items: fast, medium, slow, intermittent and pack-constrained)
     * over 180 days × 8 histories: the optimised policy's pooled fill rate lands within 98 ± 0.5%, and it costs less
     * to run (holding + ordering) than the naive rule with 42 days of cover, which serves at least as well.
     */
    @Test
    void theOptimisedPolicyMeetsItsFillRateOnAFixedItemSet() {
        List<SimulatedItem> items = SimulationBenchmark.itemSet(20);
        SimulationSettings settings = SimulationSettings.defaults(180, 42).withReplications(8);
        SimulationResult.Metrics optimised = simulate(items, settings, PolicyKind.OPTIMISED);
        assertThat(optimised.fillRate()).isCloseTo(0.98, within(0.005));
        SimulationSettings generous = new SimulationSettings(180, 42, 8, 90, 0.98, 0.9, 7, 21, 42, 0);
        SimulationResult.Metrics naive = simulate(items, generous, PolicyKind.NAIVE);
        assertThat(naive.fillRate()).isGreaterThanOrEqualTo(optimised.fillRate());
        assertThat(optimised.holdingCost() + optimised.orderingCost())
                .isLessThan(naive.holdingCost() + naive.orderingCost());
    }
}
