package io.stockflow.inventory.optimize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Splits a shared capacity of whole units across products for one selling period (the multi-product newsvendor with a
 * capacity constraint; Hadley &amp; Whitin 1963, constrained multi-item models; Silver, Pyke &amp; Peterson, ch. 10):
 * stock x_i of product i, Σ x_i ≤ capacity, maximising Σ m_i·E[min(x_i, D_i)] − o_i·E[(x_i − D_i)⁺], with m_i the
 * margin of a unit sold and o_i the loss on a unit left over.
 *
 * <p>The k-th unit of product i adds (m_i + o_i)·P(D_i ≥ k) − o_i, which does not grow with k: each product's
 * profit is concave in its stock, so giving every next unit to the product where it adds most, while that is
 * positive, is optimal (marginal analysis; B. Fox, "Discrete optimization via marginal analysis", Manage. Sci. 13,
 * 1966). Proportional scaling of each product's unconstrained stock is not: it gives a unit of low margin the same
 * share as one of high margin.
 */
public final class CapacityAllocation {

    private CapacityAllocation() {
    }

    /**
     * @param demandProbabilities P(D = d) for d = 0, 1, …; they sum to 1
     * @param unitMargin          m: profit of a unit sold
     * @param unitOverageCost     o: loss on a unit unsold at the end of the period (0 when it keeps)
     */
    public record Product(String id, double[] demandProbabilities, double unitMargin, double unitOverageCost) {

        public Product {
            double total = 0;
            for (double probability : demandProbabilities) {
                if (!(probability >= 0)) {
                    throw new InvalidInputException("demand_probabilities", id, "must not be negative");
                }
                total += probability;
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new InvalidInputException("demand_probabilities", id, "must sum to 1, got " + total);
            }
            InvalidInputException.requireNonNegative(unitMargin, "unit_margin", id);
            InvalidInputException.requireNonNegative(unitOverageCost, "unit_overage_cost", id);
            demandProbabilities = demandProbabilities.clone();
        }

        /** Demand equally likely to be any whole number from 0 to {@code maxDemand}. */
        public static Product uniform(String id, int maxDemand, double unitMargin, double unitOverageCost) {
            double[] probabilities = new double[maxDemand + 1];
            Arrays.fill(probabilities, 1.0 / (maxDemand + 1));
            return new Product(id, probabilities, unitMargin, unitOverageCost);
        }

        /** P(D ≥ k). */
        double atLeast(int k) {
            double probability = 0;
            for (int d = k; d < demandProbabilities.length; d++) {
                probability += demandProbabilities[d];
            }
            return probability;
        }

        /** What the k-th unit stocked adds to the expected profit. */
        double marginalProfit(int k) {
            return (unitMargin + unitOverageCost) * atLeast(k) - unitOverageCost;
        }
    }

    /** Units of each product, in the order given, and their expected profit. */
    public record Allocation(int[] quantities, double expectedProfit) {

        public int total() {
            return Arrays.stream(quantities).sum();
        }
    }

    /** The allocation of at most {@code capacity} units of greatest expected profit. */
    public static Allocation allocate(List<Product> products, int capacity) {
        if (capacity < 0) {
            throw new InvalidInputException("warehouse_capacity", null, "must not be negative, got " + capacity);
        }
        int[] quantities = new int[products.size()];
        // Next unit's gain per product, largest first; ties go to the product listed first.
        PriorityQueue<int[]> next = new PriorityQueue<>(Comparator
                .comparingDouble((int[] entry) -> -products.get(entry[0]).marginalProfit(entry[1]))
                .thenComparingInt(entry -> entry[0]));
        for (int i = 0; i < products.size(); i++) {
            next.add(new int[] {i, 1});
        }
        for (int used = 0; used < capacity && !next.isEmpty(); used++) {
            int[] best = next.poll();
            if (products.get(best[0]).marginalProfit(best[1]) <= 0) {
                break;
            }
            quantities[best[0]] = best[1];
            next.add(new int[] {best[0], best[1] + 1});
        }
        double profit = 0;
        for (int i = 0; i < products.size(); i++) {
            profit += expectedProfit(products.get(i), quantities[i]);
        }
        return new Allocation(quantities, profit);
    }

    /** m·E[min(x, D)] − o·E[(x − D)⁺] for x units stocked. */
    public static double expectedProfit(Product product, int quantity) {
        double sold = 0;
        double left = 0;
        double[] probabilities = product.demandProbabilities();
        for (int d = 0; d < probabilities.length; d++) {
            sold += probabilities[d] * Math.min(quantity, d);
            left += probabilities[d] * Math.max(0, quantity - d);
        }
        return product.unitMargin() * sold - product.unitOverageCost() * left;
    }
}
