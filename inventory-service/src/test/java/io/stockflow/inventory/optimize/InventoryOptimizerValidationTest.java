package io.stockflow.inventory.optimize;

import io.stockflow.inventory.optimize.BruteForce.Point;
import io.stockflow.inventory.policy.LeadTimeDemand;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InventoryOptimizerValidationTest {

    private static final List<BruteForce.Item> ITEMS = List.of(
            new BruteForce.Item(40, 12, 1_200, 20, 80, 0.25, 10, 1),
            new BruteForce.Item(15, 6, 500, 50, 40, 0.20, 30, 1),
            new BruteForce.Item(60, 25, 2_000, 5, 30, 0.30, 4, 1));

    private static List<OptimizationItem> items() {
        List<OptimizationItem> items = new ArrayList<>();
        for (int i = 0; i < ITEMS.size(); i++) {
            items.add(ITEMS.get(i).asOptimizationItem("I" + i));
        }
        return items;
    }

    /**
     * A 99% fill rate needs a least average investment that the exhaustive search finds (per item, the least
     * c·(Q/2 + e(r)) over whole-unit r, Q with n(r) ≤ 0.01·Q); a budget of 1,000 is below it. The exception names
     * the budget, the minimum (within 0.2% of the exhaustive one, never below it) and the item needing most; at the
     * reported minimum the optimisation succeeds.
     */
    @Test
    void budgetBelowWhatTheServiceFloorNeedsIsInfeasible() {
        double exhaustive = 0;
        double largest = 0;
        String largestId = null;
        for (int i = 0; i < ITEMS.size(); i++) {
            BruteForce.Item item = ITEMS.get(i);
            Point least = BruteForce.frontier(item, (int) (item.mean() + 6 * item.sigma()), 400, 0.99, false).get(0);
            exhaustive += least.resource();
            if (least.resource() > largest) {
                largest = least.resource();
                largestId = "I" + i;
            }
        }
        Constraints constraints = new Constraints(0.99, null, 1_000.0, null);

        InfeasibleConstraintsException infeasible = catchThrowableOfType(
                () -> InventoryOptimizer.optimize(items(), Objective.COST, constraints),
                InfeasibleConstraintsException.class);

        assertThat(infeasible.resource()).isEqualTo(ConstraintKind.BUDGET);
        assertThat(infeasible.constraints()).containsExactlyInAnyOrder(ConstraintKind.BUDGET,
                ConstraintKind.MIN_SERVICE_LEVEL);
        assertThat(infeasible.limit()).isEqualTo(1_000);
        assertThat(infeasible.minimumRequired()).isBetween(exhaustive - 1e-9, exhaustive * 1.002);
        assertThat(infeasible.largestNeeds().get(0).itemId()).isEqualTo(largestId);
        assertThat(infeasible.getMessage()).contains("constraints.budget 1,000.00 is below the",
                "min_service_level 0.99", largestId);

        OptimizationResult atMinimum = InventoryOptimizer.optimize(items(), Objective.COST,
                constraints.withBudget(infeasible.minimumRequired()));
        assertThat(atMinimum.totals().averageInventoryValue()).isLessThanOrEqualTo(infeasible.minimumRequired());
        assertThat(atMinimum.items())
                .allSatisfy(item -> assertThat(item.fillRate()).isGreaterThanOrEqualTo(0.99 - 1e-9));
    }

    @Test
    void capacityBelowTheSmallestOrdersIsInfeasibleEvenWithoutFloors() {
        List<OptimizationItem> items = List.of(
                OptimizationItem.of("pallet", LeadTimeDemand.normal(5, 2, 7, 0), 1_800, 10, 50, 0.2, 5)
                        .withOrderRules(100, 50, null).withUnitVolume(2));

        assertThatThrownBy(() -> InventoryOptimizer.optimize(items, Objective.COST,
                Constraints.NONE.withWarehouseCapacity(150.0)))
                .isInstanceOf(InfeasibleConstraintsException.class)
                .hasMessageContaining("constraints.warehouse_capacity 150.00 is below the")
                .hasMessageContaining("with no safety stock and the smallest orders")
                .extracting(e -> ((InfeasibleConstraintsException) e).minimumRequired())
                .satisfies(minimum -> assertThat((double) minimum).isGreaterThanOrEqualTo(200));
    }

    @Test
    void badInputsNameTheirField() {
        LeadTimeDemand demand = LeadTimeDemand.normal(10, 3, 5, 1);
        assertField(() -> OptimizationItem.of("x", demand, 100, -1, 10, 0.2, 5), "unit_cost", "x");
        assertField(() -> OptimizationItem.of("x", demand, 100, 5, -10, 0.2, 5), "ordering_cost", "x");
        assertField(() -> OptimizationItem.of("x", demand, 100, 5, 10, 0.2, Double.NaN), "shortage_cost", "x");
        assertField(() -> OptimizationItem.of("x", demand, 0, 5, 10, 0.2, 5), "annual_demand", "x");
        assertField(() -> OptimizationItem.of("x", demand, 100, 5, 10, 0.2, 5).withOrderRules(50, 10, 20.0),
                "maximum_order_quantity", "x");
        assertField(() -> new Constraints(1.2, null, null, null), "constraints.min_service_level", null);
        assertField(() -> new Constraints(null, 0.0, null, null), "constraints.max_stockout_risk", null);
        assertField(() -> new Constraints(null, null, -5.0, null), "constraints.budget", null);
        assertField(() -> new Constraints(null, null, null, 0.0), "constraints.warehouse_capacity", null);
        assertField(() -> Objective.parse("cheapest"), "objective", null);
        OptimizationItem item = OptimizationItem.of("x", demand, 100, 5, 10, 0.2, 5);
        assertField(() -> InventoryOptimizer.optimize(List.of(item, item), Objective.COST, Constraints.NONE),
                "id", "x");
        assertThat(Objective.parse(" Balanced")).isEqualTo(Objective.BALANCED);
    }

    private static void assertField(Runnable call, String field, String itemId) {
        InvalidInputException invalid = catchThrowableOfType(call::run, InvalidInputException.class);
        assertThat(invalid).as(field).isNotNull();
        assertThat(invalid).isInstanceOf(IllegalArgumentException.class);
        assertThat(invalid.field()).isEqualTo(field);
        assertThat(invalid.itemId()).isEqualTo(itemId);
        assertThat(invalid.getMessage()).contains(field);
    }
}
