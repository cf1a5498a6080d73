package io.stockflow.inventory.optimize;

import io.stockflow.inventory.policy.LeadTimeDemand;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exhaustive search over whole-unit (r, Q) for tests, independent of the engine's code: normal lead-time demand
 * through commons-math, every r in 0..rMax and Q in 1..qMax evaluated, items combined through their
 * (resource, cost) Pareto frontiers.
 */
final class BruteForce {

    /** A grid point: its resource use and cost. */
    record Point(double resource, double cost, int r, int q) {
    }

    /** One normal item on the grid, with the documented cost model and resource definitions. */
    record Item(double mean, double sigma, double annualDemand, double unitCost, double orderingCost,
                double holdingRate, double shortageCost, double unitVolume) {

        /** The same item for the engine: lead-time demand of exactly N(μ, σ²) (one day of daily demand μ, σ). */
        OptimizationItem asOptimizationItem(String id) {
            return OptimizationItem.of(id, LeadTimeDemand.normal(mean, sigma, 1, 0), annualDemand, unitCost,
                    orderingCost, holdingRate, shortageCost).withUnitVolume(unitVolume);
        }

        /** n(r) = σ·G((r − μ)/σ) and e(r) = r − μ + n(r) for r = 0..rMax. */
        double[][] lossAndEnding(int rMax) {
            NormalDistribution normal = new NormalDistribution(0, 1);
            double[][] table = new double[rMax + 1][2];
            for (int r = 0; r <= rMax; r++) {
                double z = (r - mean) / sigma;
                double loss = sigma * (normal.density(z) - z * (1 - normal.cumulativeProbability(z)));
                table[r][0] = loss;
                table[r][1] = r - mean + loss;
            }
            return table;
        }

        double cost(double loss, double ending, int q) {
            return orderingCost * annualDemand / q + holdingRate * unitCost * (q / 2.0 + ending)
                    + shortageCost * annualDemand * loss / q;
        }

        double investment(double ending, int q) {
            return unitCost * (q / 2.0 + ending);
        }

        double volume(double ending, int q) {
            return unitVolume * (q + ending);
        }

        double exceedance(int r) {
            return 1 - new NormalDistribution(mean, sigma).cumulativeProbability(r);
        }
    }

    private BruteForce() {
    }

    /**
     * Every grid point that meets the fill-rate floor (NaN: none), priced by budget (investment) or by capacity
     * (volume), reduced to its Pareto frontier: resource increasing, cost strictly decreasing.
     */
    static List<Point> frontier(Item item, int rMax, int qMax, double minFillRate, boolean byVolume) {
        double[][] table = item.lossAndEnding(rMax);
        List<Point> points = new ArrayList<>();
        for (int r = 0; r <= rMax; r++) {
            for (int q = 1; q <= qMax; q++) {
                if (!Double.isNaN(minFillRate) && table[r][0] > (1 - minFillRate) * q) {
                    continue;
                }
                double resource = byVolume ? item.volume(table[r][1], q) : item.investment(table[r][1], q);
                points.add(new Point(resource, item.cost(table[r][0], table[r][1], q), r, q));
            }
        }
        return paretoFrontier(points);
    }

    static List<Point> paretoFrontier(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::resource).thenComparingDouble(Point::cost));
        List<Point> frontier = new ArrayList<>();
        double bestCost = Double.POSITIVE_INFINITY;
        for (Point point : sorted) {
            if (point.cost() < bestCost) {
                frontier.add(point);
                bestCost = point.cost();
            }
        }
        return frontier;
    }

    /** The least total cost of one point per item with the summed resource within {@code limit}. */
    static double leastCost(List<List<Point>> frontiers, double limit) {
        List<Point> combined = frontiers.get(0);
        for (int i = 1; i < frontiers.size() - 1; i++) {
            List<Point> sums = new ArrayList<>();
            for (Point a : combined) {
                for (Point b : frontiers.get(i)) {
                    if (a.resource() + b.resource() <= limit) {
                        sums.add(new Point(a.resource() + b.resource(), a.cost() + b.cost(), 0, 0));
                    }
                }
            }
            combined = paretoFrontier(sums);
        }
        List<Point> last = frontiers.get(frontiers.size() - 1);
        double[] resources = last.stream().mapToDouble(Point::resource).toArray();
        double best = Double.POSITIVE_INFINITY;
        for (Point a : combined) {
            // The frontier's cheapest point within what is left is the one of most resource that fits.
            int index = Arrays.binarySearch(resources, limit - a.resource());
            int fitting = index >= 0 ? index : -index - 2;
            if (fitting >= 0) {
                best = Math.min(best, a.cost() + last.get(fitting).cost());
            }
        }
        return best;
    }
}
