package io.stockflow.inventory.optimize;

import io.stockflow.inventory.optimize.InfeasibleConstraintsException.ItemNeed;
import io.stockflow.inventory.optimize.ItemModel.Step;
import io.stockflow.inventory.optimize.ItemModel.Weights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Chooses a continuous-review (r, Q) policy for every item so that the {@link Objective} is minimised subject to
 * the {@link Constraints}.
 *
 * <p><b>Method.</b> The floors (fill rate, stockout risk) and the order limits are per item and enter each item's
 * own problem. The budget and the warehouse capacity couple the items; they are priced out by Lagrangian relaxation
 * (Everett, "Generalized Lagrange multiplier method for solving problems of optimum allocation of resources", Oper.
 * Res. 11, 1963; for (r, Q) under an investment budget, Hadley &amp; Whitin 1963, on constrained multi-item systems;
 * Silver, Pyke &amp; Peterson, ch. 7, exchange curves): for prices λ ≥ 0 on average investment and ν ≥ 0 on peak
 * volume, every item minimises its cost plus its resource use at those prices ({@link ItemModel}), and the usage summed
 * over the items falls as a price rises. The search finds the smallest price at which the summed usage of the rounded
 * policies fits: a bracket, then secant steps on log λ kept inside it; with both resources binding, a search on ν
 * around the search on λ. By Everett's theorem the policies for those prices are optimal for the resource they use,
 * which is within rounding of the limit; the slack that rounding leaves is then spent greedily on the steps (one unit
 * of r, one pack of Q) that save most per unit of resource (marginal analysis; Fox, "Discrete optimization via marginal
 * analysis", Manage. Sci. 13, 1966). λ and ν are the shadow prices: what one more unit of budget or capacity saves.
 *
 * <p><b>Infeasibility.</b> Before a resource is searched, its least possible use is computed (each item at the least
 * investment or volume its floors and order limits allow); when that exceeds the limit an
 * {@link InfeasibleConstraintsException} says by how much and which items need most. Nothing is clamped silently.
 *
 * <p>Items are solved in parallel; every sum is taken in item order, so a run is deterministic.
 */
public final class InventoryOptimizer {

    private static final int PARALLEL_FROM = 2_000;
    private static final double USAGE_TOLERANCE = 1e-4;
    private static final int LARGEST_NEEDS_SHOWN = 5;

    private InventoryOptimizer() {
    }

    /**
     * @throws InvalidInputException           for duplicate item ids, or the service objective without a budget or
     *                                         a warehouse capacity
     * @throws InfeasibleConstraintsException  when no policies meet every constraint
     */
    public static OptimizationResult optimize(List<OptimizationItem> items, Objective objective,
                                              Constraints constraints) {
        if (objective == null) {
            throw new InvalidInputException("objective", null, "must be cost, service or balanced");
        }
        Constraints given = constraints == null ? Constraints.NONE : constraints;
        if (objective == Objective.SERVICE && given.budget() == null && given.warehouseCapacity() == null) {
            throw new InvalidInputException("objective", null, "service maximises the fill rate within a budget or "
                    + "a warehouse capacity: give constraints.budget or constraints.warehouse_capacity (without "
                    + "either, more stock always serves better)");
        }
        Set<String> ids = new HashSet<>();
        List<ItemModel> models = new ArrayList<>(items.size());
        for (OptimizationItem item : items) {
            if (!ids.add(item.id())) {
                throw new InvalidInputException("id", item.id(), "appears more than once");
            }
            models.add(new ItemModel(item, given));
        }
        Run run = new Run(models, given);
        Weights weights = objective == Objective.SERVICE ? Weights.SERVICE : Weights.COST;
        Solution solution = run.solveConstrained(weights);
        double shortageWeight = 0;
        if (objective == Objective.BALANCED) {
            double cost = run.totalObjective(Weights.COST);
            double unitsShort = run.totalObjective(Weights.SERVICE);
            if (unitsShort > 0) {
                shortageWeight = cost / unitsShort;
                solution = run.solveConstrained(Weights.balanced(shortageWeight));
            }
        }
        List<ItemPolicy> policies = models.stream().map(ItemModel::policy).toList();
        OptimizationResult.Totals totals = OptimizationResult.Totals.of(policies);
        Set<ConstraintKind> binding = EnumSet.noneOf(ConstraintKind.class);
        if (solution.budgetPrice() > 0) {
            binding.add(ConstraintKind.BUDGET);
        }
        if (solution.capacityPrice() > 0) {
            binding.add(ConstraintKind.WAREHOUSE_CAPACITY);
        }
        if (totals.itemsAtServiceFloor() > 0) {
            binding.add(ConstraintKind.MIN_SERVICE_LEVEL);
        }
        if (totals.itemsAtStockoutRiskCeiling() > 0) {
            binding.add(ConstraintKind.MAX_STOCKOUT_RISK);
        }
        return new OptimizationResult(objective, policies, totals, solution.budgetPrice(), solution.capacityPrice(),
                binding, shortageWeight);
    }

    /**
     * The expected costs and service of a given (r, Q) policy for an item, by the same model the optimisation uses:
     * for a planner's what-if, or to compare another rule of thumb with the optimum.
     */
    public static ItemPolicy evaluate(OptimizationItem item, double reorderPoint, double orderQuantity) {
        InvalidInputException.requirePositive(orderQuantity, "order_quantity", item.id());
        if (!Double.isFinite(reorderPoint)) {
            throw new InvalidInputException("reorder_point", item.id(), "must be finite, got " + reorderPoint);
        }
        ItemModel model = new ItemModel(item, Constraints.NONE);
        model.set(reorderPoint, orderQuantity);
        return model.policy();
    }

    /** The policies at given prices, with the summed resource usage of their rounded parameters. */
    private record Solution(double budgetPrice, double capacityPrice, double investment, double volume) {
    }

    private enum Resource {
        BUDGET(ConstraintKind.BUDGET, "budget"), CAPACITY(ConstraintKind.WAREHOUSE_CAPACITY, "warehouse capacity");

        final ConstraintKind kind;
        final String label;

        Resource(ConstraintKind kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    /** One optimisation's items and the searches over prices. */
    private static final class Run {

        private final List<ItemModel> models;
        private final Constraints constraints;
        private Solution lastSolved;
        private final Set<Resource> reachable = EnumSet.noneOf(Resource.class);

        Run(List<ItemModel> models, Constraints constraints) {
            this.models = models;
            this.constraints = constraints;
        }

        Solution solveConstrained(Weights weights) {
            Double budget = constraints.budget();
            Double capacity = constraints.warehouseCapacity();
            Solution free = null;
            if (weights.chargesHolding()) {
                free = solve(weights, 0, 0);
                if (fits(free)) {
                    return free;
                }
            }
            Solution budgetOnly = null;
            if (budget != null) {
                budgetOnly = searchPrice(weights, Resource.BUDGET, budget, 0, free);
                if (capacity == null || budgetOnly.volume() <= capacity) {
                    return spendSlack(weights, budgetOnly);
                }
            }
            Solution capacityOnly = searchPrice(weights, Resource.CAPACITY, capacity, 0, free);
            if (budget == null || capacityOnly.investment() <= budget) {
                return spendSlack(weights, capacityOnly);
            }
            return spendSlack(weights, searchBothPrices(weights, budget, capacity));
        }

        double totalObjective(Weights weights) {
            double total = 0;
            for (ItemModel model : models) {
                total += model.objective(weights);
            }
            return total;
        }

        private boolean fits(Solution solution) {
            return (constraints.budget() == null || solution.investment() <= constraints.budget())
                    && (constraints.warehouseCapacity() == null
                    || solution.volume() <= constraints.warehouseCapacity());
        }

        private Solution solve(Weights weights, double budgetPrice, double capacityPrice) {
            forEachItem(i -> models.get(i).solve(weights, budgetPrice, capacityPrice));
            double investment = 0;
            double volume = 0;
            for (ItemModel model : models) {
                investment += model.investment();
                volume += model.volume();
            }
            lastSolved = new Solution(budgetPrice, capacityPrice, investment, volume);
            return lastSolved;
        }

        private void forEachItem(IntConsumer action) {
            IntStream indices = IntStream.range(0, models.size());
            (models.size() >= PARALLEL_FROM ? indices.parallel() : indices).forEach(action);
        }

        private static double usage(Solution solution, Resource resource) {
            return resource == Resource.BUDGET ? solution.investment() : solution.volume();
        }

        /** Throws when even the least use of the resource that the floors allow exceeds the limit. */
        private void requireReachable(Resource resource, double limit) {
            if (!reachable.add(resource)) {
                return;
            }
            Solution least = resource == Resource.BUDGET ? solve(Weights.RESOURCE_ONLY, 1, 0)
                    : solve(Weights.RESOURCE_ONLY, 0, 1);
            double minimum = usage(least, resource);
            if (minimum <= limit) {
                return;
            }
            List<ItemNeed> needs = models.stream()
                    .map(m -> new ItemNeed(m.item.id(), resource == Resource.BUDGET ? m.investment() : m.volume()))
                    .sorted(Comparator.comparingDouble(ItemNeed::minimum).reversed()
                            .thenComparing(ItemNeed::itemId))
                    .limit(LARGEST_NEEDS_SHOWN).toList();
            Set<ConstraintKind> involved = EnumSet.of(resource.kind);
            StringBuilder because = new StringBuilder();
            if (constraints.minServiceLevel() != null) {
                involved.add(ConstraintKind.MIN_SERVICE_LEVEL);
                because.append(", min_service_level ").append(constraints.minServiceLevel());
            }
            if (constraints.maxStockoutRisk() != null) {
                involved.add(ConstraintKind.MAX_STOCKOUT_RISK);
                because.append(", max_stockout_risk ").append(constraints.maxStockoutRisk());
            }
            throw new InfeasibleConstraintsException(String.format(Locale.ROOT,
                    "%s %s is below the %s that the items need at the least (%s%s and their order limits); "
                            + "%s short. Largest needs: %s",
                    resource.kind.field(), format(limit), format(minimum), resource.label,
                    because.length() == 0 ? " with no safety stock and the smallest orders" : " at" + because,
                    format(minimum - limit), describe(needs)), involved, resource.kind, limit, minimum, needs);
        }

        /**
         * The smallest price on the resource at which the summed usage fits the limit, the other price fixed. A
         * bracket [too low, high enough] is found by steps of 8 from the price scale, then narrowed by the secant
         * through the last two prices on log(price) (usage is smooth and convex there), aimed just inside the
         * limit and kept within the bracket, until the usage is within {@code USAGE_TOLERANCE} below the limit.
         *
         * @param atZero the solution at price 0 when already known, or null
         */
        private Solution searchPrice(Weights weights, Resource resource, double limit, double otherPrice,
                                     Solution atZero) {
            boolean zeroIsFinite = weights.chargesHolding() || otherPrice > 0;
            Solution low = atZero == null && zeroIsFinite ? solveAt(weights, resource, 0, otherPrice) : atZero;
            if (low != null && usage(low, resource) <= limit) {
                return low;
            }
            double scale = priceScale(resource);
            Solution high = null;
            double price = scale;
            while (high == null || low == null || price(low, resource) == 0) {
                Solution trial = solveAt(weights, resource, price, otherPrice);
                if (usage(trial, resource) > limit) {
                    low = trial;
                    if (high != null) {
                        break;
                    }
                    // Prices keep rising: make sure some policies fit at all before going on.
                    requireReachable(resource, limit);
                    if (price > scale * 1e12) {
                        return leastUsage(resource, price, otherPrice);
                    }
                    price *= 8;
                } else {
                    high = trial;
                    if (price < scale * 1e-12) {
                        return high;
                    }
                    price /= 8;
                }
            }
            return narrow(weights, resource, limit, otherPrice, low, high);
        }

        private Solution narrow(Weights weights, Resource resource, double limit, double otherPrice, Solution low,
                                Solution high) {
            double target = limit * (1 - USAGE_TOLERANCE / 2);
            double lowX = Math.log(price(low, resource));
            double highX = Math.log(price(high, resource));
            double[] previous = {lowX, usage(low, resource) - target};
            double[] latest = {highX, usage(high, resource) - target};
            double widthBefore = highX - lowX;
            for (int i = 0; i < 60 && limit - usage(high, resource) > USAGE_TOLERANCE * limit
                    && highX - lowX > 1e-9; i++) {
                double x = latest[0] - latest[1] * (latest[0] - previous[0]) / (latest[1] - previous[1]);
                // Bisect where the secant leaves the bracket, and every third step unless the bracket has halved.
                if (!(x > lowX && x < highX) || i % 3 == 2 && highX - lowX > widthBefore / 2) {
                    x = (lowX + highX) / 2;
                }
                if (i % 3 == 2) {
                    widthBefore = highX - lowX;
                }
                Solution trial = solveAt(weights, resource, Math.exp(x), otherPrice);
                if (usage(trial, resource) > limit) {
                    lowX = x;
                } else {
                    highX = x;
                    high = trial;
                }
                previous = latest;
                latest = new double[] {x, usage(trial, resource) - target};
            }
            // The items hold the policies of the last solve: make sure they are those that fit.
            return high == lastSolved ? high : solveAt(weights, resource, price(high, resource), otherPrice);
        }

        private Solution leastUsage(Resource resource, double price, double otherPrice) {
            Solution least = solve(Weights.RESOURCE_ONLY, resource == Resource.BUDGET ? 1 : 0,
                    resource == Resource.BUDGET ? 0 : 1);
            return resource == Resource.BUDGET ? new Solution(price, otherPrice, least.investment(), least.volume())
                    : new Solution(otherPrice, price, least.investment(), least.volume());
        }

        private static double price(Solution solution, Resource resource) {
            return resource == Resource.BUDGET ? solution.budgetPrice() : solution.capacityPrice();
        }

        private Solution solveAt(Weights weights, Resource resource, double price, double otherPrice) {
            return resource == Resource.BUDGET ? solve(weights, price, otherPrice) : solve(weights, otherPrice, price);
        }

        /**
         * Both resources bind: for each capacity price ν the budget price λ(ν) that fits the budget, and ν searched
         * (bisection on log ν) for the capacity. Usage of capacity falls as ν rises once λ adjusts.
         */
        private Solution searchBothPrices(Weights weights, double budget, double capacity) {
            double scale = priceScale(Resource.CAPACITY);
            double lowPrice = 0;
            double highPrice = scale;
            Solution high = searchPrice(weights, Resource.BUDGET, budget, highPrice, null);
            for (int i = 0; i < 40 && high.volume() > capacity; i++) {
                lowPrice = highPrice;
                highPrice *= 8;
                high = searchPrice(weights, Resource.BUDGET, budget, highPrice, null);
            }
            if (high.volume() > capacity) {
                List<ItemNeed> needs = models.stream().map(m -> new ItemNeed(m.item.id(), m.volume()))
                        .sorted(Comparator.comparingDouble(ItemNeed::minimum).reversed()
                                .thenComparing(ItemNeed::itemId))
                        .limit(LARGEST_NEEDS_SHOWN).toList();
                throw new InfeasibleConstraintsException(String.format(Locale.ROOT,
                        "constraints.budget %s and constraints.warehouse_capacity %s cannot both hold: within the "
                                + "budget the policies need a warehouse capacity of %s at the least. Largest needs: %s",
                        format(budget), format(capacity), format(high.volume()), describe(needs)),
                        EnumSet.of(ConstraintKind.BUDGET, ConstraintKind.WAREHOUSE_CAPACITY),
                        ConstraintKind.WAREHOUSE_CAPACITY, capacity, high.volume(), needs);
            }
            if (lowPrice == 0) {
                lowPrice = highPrice / 1e6;
            }
            double x0 = Math.log(lowPrice);
            double x1 = Math.log(highPrice);
            for (int i = 0; i < 60 && capacity - high.volume() > USAGE_TOLERANCE * capacity && x1 - x0 > 1e-6; i++) {
                double x = (x0 + x1) / 2;
                Solution middle = searchPrice(weights, Resource.BUDGET, budget, Math.exp(x), null);
                if (middle.volume() > capacity) {
                    x0 = x;
                } else {
                    x1 = x;
                    high = middle;
                }
            }
            return searchPrice(weights, Resource.BUDGET, budget, high.capacityPrice(), null);
        }

        /** A price of the order the objective gives a unit of the resource, to start the search from. */
        private double priceScale(Resource resource) {
            double sum = 0;
            for (ItemModel model : models) {
                OptimizationItem item = model.item;
                sum += resource == Resource.BUDGET ? item.holdingCostRate()
                        : item.holdingCostRate() * item.unitCost() / item.unitVolume();
            }
            return sum / models.size();
        }

        /**
         * Spends what rounding left of the binding resources on the steps that save most per unit of priced
         * resource, as long as every limit holds.
         */
        private Solution spendSlack(Weights weights, Solution solution) {
            double budgetPrice = solution.budgetPrice();
            double capacityPrice = solution.capacityPrice();
            double budgetLeft = constraints.budget() == null ? Double.POSITIVE_INFINITY
                    : constraints.budget() - solution.investment();
            double capacityLeft = constraints.warehouseCapacity() == null ? Double.POSITIVE_INFINITY
                    : constraints.warehouseCapacity() - solution.volume();
            record Candidate(int item, Step step) {
            }
            PriorityQueue<Candidate> candidates = new PriorityQueue<>(
                    Comparator.comparingDouble((Candidate c) -> -c.step().savingPerPricedUnit())
                            .thenComparingInt(Candidate::item));
            for (int i = 0; i < models.size(); i++) {
                Step step = models.get(i).bestStepUp(weights, budgetPrice, capacityPrice);
                if (step != null) {
                    candidates.add(new Candidate(i, step));
                }
            }
            double investment = solution.investment();
            double volume = solution.volume();
            while (!candidates.isEmpty()) {
                Candidate next = candidates.poll();
                Step step = next.step();
                if (step.extraInvestment() > budgetLeft || step.extraVolume() > capacityLeft) {
                    continue;
                }
                ItemModel model = models.get(next.item());
                model.take(step);
                budgetLeft -= step.extraInvestment();
                capacityLeft -= step.extraVolume();
                investment += step.extraInvestment();
                volume += step.extraVolume();
                Step following = model.bestStepUp(weights, budgetPrice, capacityPrice);
                if (following != null) {
                    candidates.add(new Candidate(next.item(), following));
                }
            }
            return new Solution(budgetPrice, capacityPrice, investment, volume);
        }

        private static String describe(List<ItemNeed> needs) {
            StringBuilder text = new StringBuilder();
            for (ItemNeed need : needs) {
                text.append(text.length() == 0 ? "" : ", ").append(need.itemId()).append(' ')
                        .append(format(need.minimum()));
            }
            return text.toString();
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%,.2f", value);
        }
    }
}
