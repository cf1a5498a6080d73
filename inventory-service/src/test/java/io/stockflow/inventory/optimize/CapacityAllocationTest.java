package io.stockflow.inventory.optimize;

import io.stockflow.inventory.optimize.CapacityAllocation.Allocation;
import io.stockflow.inventory.optimize.CapacityAllocation.Product;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reference system's case: a 100-unit warehouse split across 10 products, each with daily demand uniform on
 * 0–20, different margins and different losses on unsold units.
 */
class CapacityAllocationTest {

    private static final int CAPACITY = 100;
    private static final int MAX_DEMAND = 20;
    private static final double[] MARGINS = {4, 6, 3, 8, 5, 2, 7, 9, 1, 10};
    private static final double[] OVERAGE = {1, 3, 1, 2, 4, 1, 2, 6, 0.5, 3};

    private static List<Product> products() {
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < MARGINS.length; i++) {
            products.add(Product.uniform("P" + i, MAX_DEMAND, MARGINS[i], OVERAGE[i]));
        }
        return products;
    }

    /** Expected profit of x units with demand uniform on 0..20, written out here rather than taken from the class. */
    private static double profit(int product, int x) {
        double total = 0;
        for (int d = 0; d <= MAX_DEMAND; d++) {
            total += MARGINS[product] * Math.min(x, d) - OVERAGE[product] * Math.max(0, x - d);
        }
        return total / (MAX_DEMAND + 1);
    }

    /**
     * Exhaustive optimum: dynamic programming over every integer allocation (best[j][c] = the most profit from the
     * first j products within c units; each product takes 0..c units).
     */
    private static double exhaustiveOptimum() {
        double[] best = new double[CAPACITY + 1];
        for (int product = 0; product < MARGINS.length; product++) {
            double[] next = new double[CAPACITY + 1];
            for (int c = 0; c <= CAPACITY; c++) {
                next[c] = Double.NEGATIVE_INFINITY;
                for (int x = 0; x <= c; x++) {
                    next[c] = Math.max(next[c], best[c - x] + profit(product, x));
                }
            }
            best = next;
        }
        return best[CAPACITY];
    }

    @Test
    void marginalAnalysisFindsTheExhaustiveOptimum() {
        Allocation allocation = CapacityAllocation.allocate(products(), CAPACITY);

        assertThat(allocation.total()).isLessThanOrEqualTo(CAPACITY);
        double recomputed = 0;
        for (int i = 0; i < MARGINS.length; i++) {
            recomputed += profit(i, allocation.quantities()[i]);
        }
        assertThat(recomputed).isCloseTo(allocation.expectedProfit(), within(1e-9));
        assertThat(allocation.expectedProfit()).isCloseTo(exhaustiveOptimum(), within(1e-9));
    }

    /**
     * Proportional scaling — every product's unconstrained newsvendor stock (critical fractile m/(m + o)) cut by the
     * same factor to fit 100 units — loses against the optimum by more than 3%: an allocator that scaled
     * proportionally would fail the test above.
     */
    @Test
    void proportionalScalingIsWorse() {
        int[] unconstrained = new int[MARGINS.length];
        int sum = 0;
        for (int i = 0; i < MARGINS.length; i++) {
            double fractile = MARGINS[i] / (MARGINS[i] + OVERAGE[i]);
            // Smallest x with P(D ≤ x) = (x + 1)/21 ≥ the critical fractile.
            unconstrained[i] = (int) Math.ceil(fractile * (MAX_DEMAND + 1) - 1 - 1e-12);
            sum += unconstrained[i];
        }
        assertThat(sum).isGreaterThan(CAPACITY);
        double proportional = 0;
        int used = 0;
        for (int i = 0; i < MARGINS.length; i++) {
            int x = (int) Math.floor(unconstrained[i] * (double) CAPACITY / sum);
            used += x;
            proportional += profit(i, x);
        }
        assertThat(used).isLessThanOrEqualTo(CAPACITY);
        double optimum = exhaustiveOptimum();

        assertThat(proportional).isLessThan(optimum * 0.97);
        assertThat(CapacityAllocation.allocate(products(), CAPACITY).expectedProfit()).isGreaterThan(proportional);
    }

    @Test
    void leavesCapacityUnusedWhereAnotherUnitWouldLoseMoney() {
        Allocation allocation = CapacityAllocation.allocate(products(), 1_000);

        // With room to spare, each product stops where one more unit would lose money: its critical fractile.
        for (int i = 0; i < MARGINS.length; i++) {
            int x = allocation.quantities()[i];
            assertThat(profit(i, x + 1)).isLessThanOrEqualTo(profit(i, x) + 1e-12);
            assertThat(x == 0 || profit(i, x) > profit(i, x - 1)).isTrue();
        }
        assertThat(allocation.total()).isLessThan(1_000);
    }
}
