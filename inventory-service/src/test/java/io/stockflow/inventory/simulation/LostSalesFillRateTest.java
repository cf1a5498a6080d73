package io.stockflow.inventory.simulation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LostSalesFillRateTest {

    /**
     * Poisson demand of mean 1 a day, lead time 1 day, Q = 2, r = 0: S = (E[(X − 1)⁺] + E[(X − 2)⁺]) / 2 with
     * E[(X − 1)⁺] = e⁻¹ = 0.367879 and E[(X − 2)⁺] = 3e⁻¹ − 1 = 0.103638, so S = 0.235759 and the fill rate is
     * 1/(1 + S) = 0.809219. (The exact lost-sales Markov chain of this tiny case — position 1 or 2 with
     * probabilities e⁻¹ and 1 − e⁻¹ — gives 0.799153: the approximation is about 1 point optimistic this far from any
     * realistic service level.)
     */
    @Test
    void fillRateWorkedOutByHand() {
        LostSalesFillRate model = new LostSalesFillRate(new double[] {1}, 1, new LeadTimeDistribution(1, 0), 2);
        assertThat(model.fillRate(0)).isCloseTo(0.809219, within(1e-6));
        assertThat(model.reorderPointForFillRate(0.8)).isZero();
        assertThat(model.reorderPointForFillRate(0.9)).isEqualTo(1);
    }

    /** Negative binomial probabilities against commons-math's Pascal distribution (integer size 4, p = 0.4). */
    @Test
    void negativeBinomialProbabilitiesMatchThePascalDistribution() {
        // Mean 4 × 0.6 / 0.4 = 6, variance-to-mean ratio 1/p = 2.5.
        double[] probabilities = DiscreteDemand.probabilities(6, 2.5, 60);
        org.apache.commons.math3.distribution.PascalDistribution pascal =
                new org.apache.commons.math3.distribution.PascalDistribution(4, 0.4);
        for (int x = 0; x <= 30; x++) {
            assertThat(probabilities[x]).isCloseTo(pascal.probability(x), within(1e-12));
        }
        double[] poisson = DiscreteDemand.probabilities(5000, 1, 6000);
        assertThat(poisson[5000]).isCloseTo(
                new org.apache.commons.math3.distribution.PoissonDistribution(5000).probability(5000), within(1e-12));
    }

    /**
     * The model's prediction against the simulator's long run: one item (so the pooled target is the item's), 730
     * days × 6 histories; the fill rate measured must be within half a point of the 98% asked for.
     */
    @Test
    void aSingleItemMeetsItsFillRateInTheLongRun() {
        SimulatedItem item = new SimulatedItem("steady", DemandModel.negativeBinomial(20, 1.5), 12, 8, 40, 0.25,
                null, 6, 1.5, 1, 1, null);
        SimulationSettings settings = SimulationSettings.defaults(730, 11).withReplications(6);
        SimulationResult result = InventorySimulator.simulate(new SimulationRequest(List.of(item), Scenario.NONE,
                settings, List.of(PolicyKind.OPTIMISED)));
        assertThat(result.policies().get(0).total().fillRate()).isCloseTo(0.98, within(0.005));
    }
}
