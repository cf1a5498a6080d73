package io.stockflow.inventory.optimize;

import io.stockflow.inventory.policy.LeadTimeDemand;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InventoryOptimizerTest {

    /** Lead-time demand of exactly N(μ, σ²). */
    private static LeadTimeDemand normal(double mean, double sigma) {
        return LeadTimeDemand.normal(mean, sigma, 1, 0);
    }

    /**
     * Nahmias, <i>Production and Operations Analysis</i>, Example 5.4 (Harvey's Specialty Shop): c = $10,
     * h = 20% → $2 a unit-year, K = $50, p = $25 a unit short, D = 200 a year, lead-time demand N(100, 25²);
     * Hadley–Whitin's iteration gives Q = 110, R = 143. (The book's model charges no holding on backorders, so its
     * P(X &gt; R) = Qh/(pD) where ours is Qh/(Qh + pD): Python iterations of both give (110.8, 142.6) and
     * (110.2, 143.1).)
     */
    @Test
    void unconstrainedCostIsTheHadleyWhitinOptimum() {
        OptimizationItem mustard = OptimizationItem.of("mustard", normal(100, 25), 200, 10, 50, 0.2, 25);

        ItemPolicy policy = InventoryOptimizer.optimize(List.of(mustard), Objective.COST, Constraints.NONE)
                .items().get(0);

        assertThat(policy.reorderPoint()).isEqualTo(143);
        assertThat(policy.orderQuantity()).isBetween(110.0, 111.0);
        assertThat(policy.safetyStock()).isEqualTo(43);
        assertThat(policy.orderUpTo()).isEqualTo(policy.reorderPoint() + policy.orderQuantity());
        assertThat(policy.orderingCost()).isCloseTo(50 * 200 / policy.orderQuantity(), within(1e-9));
        assertThat(policy.stockoutRisk()).isCloseTo(0.0436, within(0.002));
    }

    /**
     * Without uncertainty the (r, Q) optimum is the EOQ ordered when the lead time's demand is left: Chopra &amp;
     * Meindl, <i>Supply Chain Management</i>, Example 11-1 (Best Buy computers): D = 12,000 a year, S = $4,000,
     * C = $500, h = 20% → Q* = 980, 12.2 orders a year.
     */
    @Test
    void deterministicDemandGivesTheEconomicOrderQuantity() {
        OptimizationItem computers = OptimizationItem.of("computers", normal(500, 0), 12_000, 500, 4_000, 0.2, 50);

        ItemPolicy policy = InventoryOptimizer.optimize(List.of(computers), Objective.COST, Constraints.NONE)
                .items().get(0);

        assertThat(policy.orderQuantity()).isEqualTo(980);
        assertThat(policy.ordersPerYear()).isCloseTo(12.24, within(0.01));
        assertThat(policy.reorderPoint()).isEqualTo(500);
        assertThat(policy.expectedUnitsShort()).isZero();
        assertThat(policy.holdingCost()).isCloseTo(0.2 * 500 * 980 / 2, within(1e-6));
    }

    private static List<OptimizationItem> portfolio(int size, long seed) {
        Random random = new Random(seed);
        List<OptimizationItem> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double daily = 0.2 + 40 * random.nextDouble() * random.nextDouble();
            double lead = 2 + random.nextInt(20);
            items.add(OptimizationItem.of("S" + i,
                    LeadTimeDemand.normal(daily, daily * (0.3 + random.nextDouble()), lead, lead * 0.2),
                    daily * 365, 2 + 100 * random.nextDouble(), 20 + 80 * random.nextDouble(),
                    0.15 + 0.15 * random.nextDouble(), 1 + 20 * random.nextDouble()));
        }
        return items;
    }

    /**
     * Cost, service and balanced under one budget (60% of what the unconstrained cost optimum holds): each is best
     * at what it states — cost has the least cost, service the fewest units short, balanced the least
     * C/C₀ + U/U₀ — and they are three different points, balanced between the other two on both measures.
     */
    @Test
    void objectivesAreDifferentAndEachBestAtWhatItStates() {
        List<OptimizationItem> items = portfolio(30, 7);
        double free = InventoryOptimizer.optimize(items, Objective.COST, Constraints.NONE).totals()
                .averageInventoryValue();
        Constraints budget = Constraints.NONE.withBudget(0.6 * free);

        OptimizationResult cost = InventoryOptimizer.optimize(items, Objective.COST, budget);
        OptimizationResult service = InventoryOptimizer.optimize(items, Objective.SERVICE, budget);
        OptimizationResult balanced = InventoryOptimizer.optimize(items, Objective.BALANCED, budget);

        for (OptimizationResult result : List.of(cost, service, balanced)) {
            assertThat(result.totals().averageInventoryValue()).isLessThanOrEqualTo(0.6 * free);
            assertThat(result.bindingConstraints()).contains(ConstraintKind.BUDGET);
        }
        assertThat(service.totals().averageInventoryValue()).isGreaterThan(0.6 * free * 0.999);
        double c0 = cost.totals().totalCost();
        double u0 = cost.totals().expectedUnitsShort();
        assertThat(balanced.shortageWeight()).isCloseTo(c0 / u0, within(1e-9 * c0 / u0));
        assertThat(cost.shortageWeight()).isZero();

        assertThat(c0).isLessThan(balanced.totals().totalCost() * 0.999);
        assertThat(balanced.totals().totalCost()).isLessThan(service.totals().totalCost() * 0.999);
        assertThat(service.totals().expectedUnitsShort()).isLessThan(balanced.totals().expectedUnitsShort() * 0.999);
        assertThat(balanced.totals().expectedUnitsShort()).isLessThan(u0 * 0.999);
        assertThat(service.totals().fillRate()).isGreaterThan(balanced.totals().fillRate());

        double balancedScore = balanced.totals().totalCost() / c0 + balanced.totals().expectedUnitsShort() / u0;
        assertThat(balancedScore).isLessThan(2);
        assertThat(balancedScore).isLessThan(service.totals().totalCost() / c0
                + service.totals().expectedUnitsShort() / u0);
    }

    @Test
    void balancedDiffersFromCostWithoutAResourceAndServiceNeedsOne() {
        List<OptimizationItem> items = portfolio(10, 3);

        OptimizationResult cost = InventoryOptimizer.optimize(items, Objective.COST, Constraints.NONE);
        OptimizationResult balanced = InventoryOptimizer.optimize(items, Objective.BALANCED, Constraints.NONE);

        assertThat(balanced.totals().expectedUnitsShort()).isLessThan(cost.totals().expectedUnitsShort() / 2);
        assertThat(balanced.totals().totalCost()).isGreaterThan(cost.totals().totalCost());
        assertThat(cost.bindingConstraints()).isEmpty();
        assertThat(cost.budgetShadowPrice()).isZero();
        assertThatThrownBy(() -> InventoryOptimizer.optimize(items, Objective.SERVICE,
                Constraints.NONE.withMinServiceLevel(0.95)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("constraints.budget")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("objective");
    }

    /**
     * The floors hold item by item, and the order rules: whole packs of 12, at least 48, at most 120 (the EOQ of
     * the first item, 400, is cut to 120; the second, 9, is raised to 48).
     */
    @Test
    void floorsAndOrderRulesHoldForEveryItem() {
        List<OptimizationItem> items = List.of(
                OptimizationItem.of("fast", normal(80, 20), 4_000, 10, 100, 0.25, 0.5).withOrderRules(48, 12, 120.0),
                OptimizationItem.of("slow", normal(1, 1), 40, 10, 10, 0.2, 0.1).withOrderRules(48, 12, 120.0));

        OptimizationResult result = InventoryOptimizer.optimize(items, Objective.COST,
                new Constraints(0.999, 0.05, null, null));

        assertThat(result.items().get(0).orderQuantity()).isEqualTo(120);
        assertThat(result.items().get(1).orderQuantity()).isEqualTo(48);
        for (ItemPolicy policy : result.items()) {
            assertThat(policy.orderQuantity() % 12).isZero();
            assertThat(policy.fillRate()).isGreaterThanOrEqualTo(0.999 - 1e-9);
            assertThat(policy.stockoutRisk()).isLessThanOrEqualTo(0.05 + 1e-9);
            assertThat(policy.reorderPoint()).isEqualTo(Math.rint(policy.reorderPoint()));
        }
        // Shortages are cheap (0.5 and 0.1 a unit): cost alone would stock less, so the floors decide. The fast
        // item's 99.9% fill rate needs n(r) ≤ 0.12, z ≈ 2.1, beyond the 5% risk ceiling's 1.645; the slow item's
        // 48-unit orders reach 99.9% at z ≈ 1.3, so there the ceiling decides.
        assertThat(result.bindingConstraints()).contains(ConstraintKind.MIN_SERVICE_LEVEL,
                ConstraintKind.MAX_STOCKOUT_RISK);
        assertThat(result.items().get(0).atServiceFloor()).isTrue();
        assertThat(result.items().get(1).atStockoutRiskCeiling()).isTrue();
        assertThat(result.items().get(1).reorderPoint()).isEqualTo(3);
    }

    /**
     * The fill-rate floor with a free Q: the joint optimum on the floor beats the textbook's sequential choice
     * (Q = EOQ, then r for the fill rate; Silver, Pyke &amp; Peterson, ch. 7), which is also feasible.
     */
    @Test
    void jointOptimumOnTheServiceFloorBeatsEoqThenSafetyStock() {
        OptimizationItem item = OptimizationItem.of("a", normal(200, 80), 5_000, 4, 25, 0.25, 0.2);
        OptimizationResult joint = InventoryOptimizer.optimize(List.of(item), Objective.COST,
                Constraints.NONE.withMinServiceLevel(0.995));
        double eoq = Math.round(Math.sqrt(2 * 5_000 * 25 / (0.25 * 4)));
        double r = Math.ceil(200 + io.stockflow.inventory.policy.SafetyStock.forFillRate(item.leadTimeDemand(),
                0.995, eoq));
        double sequentialCost = 0.25 * 4 * (eoq / 2 + r - 200 + item.leadTimeDemand().expectedShortage(r))
                + 25 * 5_000 / eoq + 0.2 * 5_000 * item.leadTimeDemand().expectedShortage(r) / eoq;

        ItemPolicy policy = joint.items().get(0);
        assertThat(policy.atServiceFloor()).isTrue();
        assertThat(policy.fillRate()).isGreaterThanOrEqualTo(0.995 - 1e-9);
        assertThat(policy.totalCost()).isLessThan(sequentialCost);
        assertThat(policy.orderQuantity()).isGreaterThan(eoq);
    }

    @Test
    void bothResourcesCanBindTogether() {
        List<OptimizationItem> items = new ArrayList<>();
        Random random = new Random(11);
        for (OptimizationItem item : portfolio(20, 5)) {
            items.add(item.withUnitVolume(0.1 + 5 * random.nextDouble()));
        }
        OptimizationResult free = InventoryOptimizer.optimize(items, Objective.COST, Constraints.NONE);
        Constraints both = Constraints.NONE.withBudget(0.7 * free.totals().averageInventoryValue())
                .withWarehouseCapacity(0.6 * free.totals().peakInventoryVolume());
        OptimizationResult budgetOnly = InventoryOptimizer.optimize(items, Objective.COST,
                Constraints.NONE.withBudget(both.budget()));

        OptimizationResult result = InventoryOptimizer.optimize(items, Objective.COST, both);

        assertThat(budgetOnly.totals().peakInventoryVolume()).isGreaterThan(both.warehouseCapacity());
        assertThat(result.totals().averageInventoryValue()).isLessThanOrEqualTo(both.budget());
        assertThat(result.totals().peakInventoryVolume()).isLessThanOrEqualTo(both.warehouseCapacity());
        assertThat(result.totals().totalCost()).isGreaterThanOrEqualTo(budgetOnly.totals().totalCost());
        assertThat(result.capacityShadowPrice()).isPositive();
    }

    /** A slow mover forecast as quantiles of its lead-time total (skewed: median 3, P90 9, P99 20). */
    @Test
    void forecastQuantilesAreOptimisedThroughTheirOwnShape() {
        LeadTimeDemand skewed = LeadTimeDemand.fromQuantiles(4, new double[] {0.1, 0.5, 0.9, 0.95, 0.99},
                new double[] {0, 3, 9, 12, 20});
        OptimizationItem item = OptimizationItem.of("slow", skewed, 100, 30, 20, 0.25, 15);

        ItemPolicy policy = InventoryOptimizer.optimize(List.of(item), Objective.COST,
                Constraints.NONE.withMaxStockoutRisk(0.05)).items().get(0);

        assertThat(policy.stockoutRisk()).isCloseTo(skewed.stockoutProbability(policy.reorderPoint()), within(1e-12));
        assertThat(policy.stockoutRisk()).isLessThanOrEqualTo(0.05);
        assertThat(policy.reorderPoint()).isGreaterThanOrEqualTo(12);
        assertThat(policy.fillRate()).isCloseTo(1 - skewed.expectedShortage(policy.reorderPoint())
                / policy.orderQuantity(), within(1e-12));
    }

    /** Above 2,000 items the solve is parallel; the result must not depend on scheduling. */
    @Test
    void parallelRunsAreDeterministic() {
        List<OptimizationItem> items = portfolio(2_500, 1);
        double free = InventoryOptimizer.optimize(items, Objective.COST, Constraints.NONE).totals()
                .averageInventoryValue();
        Constraints budget = Constraints.NONE.withBudget(0.5 * free);

        OptimizationResult first = InventoryOptimizer.optimize(items, Objective.COST, budget);
        OptimizationResult second = InventoryOptimizer.optimize(items, Objective.COST, budget);

        assertThat(second).isEqualTo(first);
        assertThat(first.totals().averageInventoryValue()).isBetween(0.5 * free * (1 - 1e-3), 0.5 * free);
    }
}
