package io.stockflow.inventory.optimize;

/**
 * One item's (r, Q) problem for given resource prices, and the policy last chosen for it.
 *
 * <p>The item's expected annual cost under a continuous-review (r, Q) policy with backorders is (Hadley &amp; Whitin,
 * <i>Analysis of Inventory Systems</i>, 1963, ch. 4; Silver, Pyke &amp; Peterson, <i>Inventory and Production
 * Management in Supply Chains</i>, 4th ed., ch. 7; Axsäter, <i>Inventory Control</i>, 3rd ed., §5.3)
 * <pre>
 *   C(r, Q) = K·D/Q + h·c·(Q/2 + e(r)) + b·D·n(r)/Q,    n(r) = E[(X − r)⁺],  e(r) = E[(r − X)⁺] = r − μ + n(r)
 * </pre>
 * with X the lead-time demand: orders a year, average stock on hand, and units short a year (n(r) per cycle).
 * Average stock on hand is the cycle stock Q/2 plus what is left when a replenishment arrives, e(r); the textbooks'
 * Q/2 + r − μ drops the backorder term n(r), which lets a low r buy "negative" stock, and keeps the problem from
 * being convex in r. With e(r), C is convex in r for a fixed Q and in Q for a fixed r.
 *
 * <p>Resources enter with prices λ (per unit of average investment c·(Q/2 + e)) and ν (per unit of peak volume
 * v·(Q + e)), and every objective is C with its own weights (ordering K', holding H', shortage b' a unit), so the
 * problem for given prices is to minimise
 * <pre>
 *   L(r, Q) = (K'·D + b'·D·n(r))/Q + a·Q/2 + g·e(r),   a = H' + λc + 2νv,   g = H' + λc + νv
 * </pre>
 * over r ≥ r₀ (0, or the quantile 1 − ρ of a stockout-risk ceiling ρ), Q in the order limits, and, with a fill-rate
 * floor β, n(r) ≤ (1 − β)·Q. Setting ∂L/∂Q and ∂L/∂r to 0 gives Hadley–Whitin's pair
 * <pre>
 *   Q = sqrt(2·D·(K' + b'·n(r)) / a),     P(X &gt; r) = g·Q / (g·Q + b'·D),
 * </pre>
 * iterated from the EOQ until both settle, each clipped to its bounds. Where that solution breaks the fill-rate
 * floor, the optimum lies on the floor (the constraint set is convex, n being convex): Q = n(r)/(1 − β), where the
 * shortage term is the constant b'·D·(1 − β) and L becomes a function of r alone whose derivative
 * <pre>
 *   ψ'(r) = P(X &gt; r)·[K'·D·(1 − β)/n(r)² − a/(2(1 − β))] + g·P(X ≤ r)
 * </pre>
 * crosses zero once; bisection finds it. The continuous optimum is then rounded: Q to the neighbouring whole packs
 * within the order limits, r for each to its best value and then to the neighbouring whole units that keep the
 * floors, keeping the pair of lowest L.
 */
final class ItemModel {

    /** The objective's weights on the item's own costs: K' = ordering·K, H' = holding·h·c, b' = shortage·b + extra. */
    record Weights(double ordering, double holding, double shortage, double extraShortage) {

        static final Weights COST = new Weights(1, 1, 1, 0);
        static final Weights SERVICE = new Weights(0, 0, 0, 1);
        /** Only the resource counts: with price 1 on it, the policies that use least of it. */
        static final Weights RESOURCE_ONLY = new Weights(0, 0, 0, 0);

        static Weights balanced(double shortageWeight) {
            return new Weights(1, 1, 1, shortageWeight);
        }

        boolean chargesHolding() {
            return holding > 0;
        }
    }

    private static final double TOLERANCE = 1e-10;

    final OptimizationItem item;
    private final DemandDistribution demand;
    private final double mean;
    private final double lowestReorderPoint;
    private final double allowedShortageShare;
    private final double stockoutRiskCeiling;
    private final double smallestOrder;
    private final double largestOrder;
    private final double pack;

    // The continuous optimum of the last solve, where the next one starts (prices change little between solves).
    private double continuousOrder = Double.NaN;

    // The rounded policy of the last solve.
    private double reorderPoint;
    private double orderQuantity;
    private double endingStock;
    private boolean atServiceFloor;
    private boolean atStockoutRiskCeiling;

    ItemModel(OptimizationItem item, Constraints constraints) {
        this.item = item;
        this.demand = DemandDistribution.of(item.leadTimeDemand());
        this.mean = demand.mean();
        this.pack = item.packSize();
        this.smallestOrder = pack * Math.ceil(Math.max(item.minimumOrderQuantity(), pack) / pack - 1e-9);
        this.largestOrder = item.maximumOrderQuantity() == null ? Double.POSITIVE_INFINITY
                : pack * Math.floor(item.maximumOrderQuantity() / pack + 1e-9);
        this.allowedShortageShare = constraints.minServiceLevel() == null ? Double.NaN
                : 1 - constraints.minServiceLevel();
        this.stockoutRiskCeiling = constraints.maxStockoutRisk() == null ? Double.NaN : constraints.maxStockoutRisk();
        this.lowestReorderPoint = Double.isNaN(stockoutRiskCeiling) ? 0
                : Math.max(0, demand.quantile(1 - stockoutRiskCeiling));
    }

    /** Chooses the (rounded) policy that minimises L for these weights and prices. */
    void solve(Weights weights, double budgetPrice, double capacityPrice) {
        Prices prices = prices(weights, budgetPrice, capacityPrice);
        double[] continuous = continuousOptimum(prices);
        continuousOrder = continuous[1];
        round(prices, continuous[1]);
    }

    double reorderPoint() {
        return reorderPoint;
    }

    double orderQuantity() {
        return orderQuantity;
    }

    double investment() {
        return item.unitCost() * (orderQuantity / 2 + endingStock);
    }

    double volume() {
        return item.unitVolume() * (orderQuantity + endingStock);
    }

    /** The objective's value (not L: no resource prices) for the current policy. */
    double objective(Weights weights) {
        return objective(prices(weights, 0, 0), reorderPoint, orderQuantity);
    }

    /**
     * The best single step up — one more unit of r or one more pack of Q — by objective saved per unit of priced
     * resource it takes; null when no step saves anything.
     */
    Step bestStepUp(Weights weights, double budgetPrice, double capacityPrice) {
        Prices prices = prices(weights, 0, 0);
        double now = objective(prices, reorderPoint, orderQuantity);
        Step best = null;
        double[][] moves = {{reorderPoint + 1, orderQuantity}, {reorderPoint, orderQuantity + pack}};
        for (double[] move : moves) {
            if (move[1] > largestOrder) {
                continue;
            }
            double saving = now - objective(prices, move[0], move[1]);
            double ending = demand.endingStock(move[0]);
            double extraInvestment = item.unitCost() * (move[1] / 2 + ending) - investment();
            double extraVolume = item.unitVolume() * (move[1] + ending) - volume();
            double priced = budgetPrice * extraInvestment + capacityPrice * extraVolume;
            if (saving > 0 && priced > 0 && (best == null || saving / priced > best.savingPerPricedUnit())) {
                best = new Step(move[0], move[1], saving / priced, extraInvestment, extraVolume);
            }
        }
        return best;
    }

    /** Takes a step from {@link #bestStepUp}; both moves keep every floor. */
    void take(Step step) {
        reorderPoint = step.reorderPoint();
        orderQuantity = step.orderQuantity();
        endingStock = demand.endingStock(reorderPoint);
    }

    record Step(double reorderPoint, double orderQuantity, double savingPerPricedUnit, double extraInvestment,
                double extraVolume) {
    }

    /** Sets the policy to a given one (whole or not), to evaluate it. */
    void set(double r, double q) {
        reorderPoint = r;
        orderQuantity = q;
        endingStock = demand.endingStock(r);
        atServiceFloor = false;
        atStockoutRiskCeiling = false;
    }

    /** The chosen policy with its expected costs and service. */
    ItemPolicy policy() {
        double d = item.annualDemand();
        double shortPerCycle = demand.loss(reorderPoint);
        double risk = demand.exceedance(reorderPoint);
        double averageUnits = orderQuantity / 2 + endingStock;
        double holding = item.holdingCostRate() * item.unitCost() * averageUnits;
        double ordering = item.orderingCost() * d / orderQuantity;
        double unitsShort = d * shortPerCycle / orderQuantity;
        double shortage = item.shortageCost() * unitsShort;
        return new ItemPolicy(item.id(), reorderPoint, orderQuantity, reorderPoint + orderQuantity,
                reorderPoint - mean, holding, ordering, shortage, holding + ordering + shortage,
                Math.max(0, 1 - shortPerCycle / orderQuantity), 1 - risk, risk, d / orderQuantity, unitsShort,
                averageUnits, item.unitCost() * averageUnits, volume(), atServiceFloor, atStockoutRiskCeiling);
    }

    // K'·D, b'·D and the coefficients a (of Q/2) and g (of e(r)) of L.
    private record Prices(double fixed, double shortage, double a, double g, double holding) {
    }

    private Prices prices(Weights weights, double budgetPrice, double capacityPrice) {
        double holding = weights.holding() * item.holdingCostRate() * item.unitCost();
        double perInvestment = budgetPrice * item.unitCost();
        double perVolume = capacityPrice * item.unitVolume();
        return new Prices(weights.ordering() * item.orderingCost() * item.annualDemand(),
                (weights.shortage() * item.shortageCost() + weights.extraShortage()) * item.annualDemand(),
                holding + perInvestment + 2 * perVolume, holding + perInvestment + perVolume, holding);
    }

    private double lagrangian(Prices prices, double r, double q) {
        return (prices.fixed() + prices.shortage() * demand.loss(r)) / q + prices.a() * q / 2
                + prices.g() * demand.endingStock(r);
    }

    private double objective(Prices prices, double r, double q) {
        return (prices.fixed() + prices.shortage() * demand.loss(r)) / q
                + prices.holding() * (q / 2 + demand.endingStock(r));
    }

    // {r, Q}: Hadley–Whitin's iteration within the bounds, then the fill-rate floor's curve if it is broken.
    private double[] continuousOptimum(Prices prices) {
        if (!(prices.a() > 0)) {
            throw new IllegalStateException("stock must cost something: a holding cost or a resource price");
        }
        double q = Double.isNaN(continuousOrder)
                ? clipOrder(Math.sqrt(2 * (prices.fixed() + prices.shortage() * demand.loss(mean)) / prices.a()))
                : continuousOrder;
        double r = bestReorderPoint(prices, q);
        for (int iteration = 0; iteration < 200; iteration++) {
            double nextQ = clipOrder(Math.sqrt(2 * (prices.fixed() + prices.shortage() * demand.loss(r))
                    / prices.a()));
            double nextR = bestReorderPoint(prices, nextQ);
            boolean settled = Math.abs(nextQ - q) <= TOLERANCE * q
                    && Math.abs(nextR - r) <= TOLERANCE * (1 + Math.abs(r));
            q = nextQ;
            r = nextR;
            if (settled) {
                break;
            }
        }
        if (!Double.isNaN(allowedShortageShare) && demand.loss(r) > allowedShortageShare * q * (1 + 1e-12)) {
            r = reorderPointOnServiceFloor(prices);
            q = clipOrder(demand.loss(r) / allowedShortageShare);
        }
        return new double[] {r, q};
    }

    // For a fixed Q, L is convex in r, least where P(X > r) = gQ/(gQ + b'D); then the lower bound.
    private double bestReorderPoint(Prices prices, double q) {
        return Math.max(lowestReorderPoint, unboundedReorderPoint(prices, q));
    }

    private double unboundedReorderPoint(Prices prices, double q) {
        return prices.shortage() == 0 ? Double.NEGATIVE_INFINITY
                : demand.quantile(prices.shortage() / (prices.g() * q + prices.shortage()));
    }

    // Minimises L along Q = n(r)/(1 − β) by bisection on the sign of ψ'(r).
    private double reorderPointOnServiceFloor(Prices prices) {
        double share = allowedShortageShare;
        double left = Double.isInfinite(largestOrder) ? lowestReorderPoint
                : Math.max(lowestReorderPoint, reorderPointForLoss(share * largestOrder));
        double right = reorderPointForLoss(share * smallestOrder);
        if (left >= right) {
            return left;
        }
        if (slopeOnServiceFloor(prices, left) >= 0) {
            return left;
        }
        if (slopeOnServiceFloor(prices, right) <= 0) {
            return right;
        }
        for (int i = 0; i < 100 && right - left > TOLERANCE * (1 + Math.abs(right)); i++) {
            double middle = (left + right) / 2;
            if (slopeOnServiceFloor(prices, middle) > 0) {
                right = middle;
            } else {
                left = middle;
            }
        }
        return right;
    }

    private double slopeOnServiceFloor(Prices prices, double r) {
        double share = allowedShortageShare;
        double loss = demand.loss(r);
        double exceedance = demand.exceedance(r);
        return exceedance * (prices.fixed() * share / (loss * loss) - prices.a() / (2 * share))
                + prices.g() * (1 - exceedance);
    }

    /**
     * The smallest r with n(r) ≤ target: Newton's method from μ − target (where n ≥ target, as n(r) ≥ μ − r), which
     * on the convex, decreasing n climbs to the root without overshooting.
     */
    private double reorderPointForLoss(double target) {
        double r = mean - target;
        for (int i = 0; i < 100; i++) {
            double excess = demand.loss(r) - target;
            double exceedance = demand.exceedance(r);
            if (excess <= TOLERANCE * target || exceedance <= 0) {
                break;
            }
            r += excess / exceedance;
        }
        return r;
    }

    // Whole packs around Q*, each with its best whole-unit r that keeps the floors; the pair of lowest L.
    private void round(Prices prices, double continuousQ) {
        double lower = clipOrder(pack * Math.floor(continuousQ / pack + 1e-9));
        double upper = clipOrder(pack * Math.ceil(continuousQ / pack - 1e-9));
        double bestValue = Double.POSITIVE_INFINITY;
        for (double q : lower == upper ? new double[] {lower} : new double[] {lower, upper}) {
            double free = unboundedReorderPoint(prices, q);
            double floor = Double.isNaN(allowedShortageShare) ? Double.NEGATIVE_INFINITY
                    : reorderPointForLoss(allowedShortageShare * q);
            double best = Math.max(lowestReorderPoint, Math.max(free, floor));
            for (double r : new double[] {Math.floor(best), Math.ceil(best)}) {
                if (r == Math.floor(best) && r != best && !meetsFloors(r, q)) {
                    continue;
                }
                double value = lagrangian(prices, r, q);
                if (value < bestValue) {
                    bestValue = value;
                    reorderPoint = r;
                    orderQuantity = q;
                    atServiceFloor = floor > free && floor >= lowestReorderPoint;
                    atStockoutRiskCeiling = !Double.isNaN(stockoutRiskCeiling) && lowestReorderPoint > 0
                            && lowestReorderPoint > free && lowestReorderPoint > floor;
                }
            }
        }
        endingStock = demand.endingStock(reorderPoint);
    }

    private boolean meetsFloors(double r, double q) {
        if (r < 0) {
            return false;
        }
        if (!Double.isNaN(stockoutRiskCeiling) && demand.exceedance(r) > stockoutRiskCeiling * (1 + 1e-9)) {
            return false;
        }
        return Double.isNaN(allowedShortageShare) || demand.loss(r) <= allowedShortageShare * q * (1 + 1e-9);
    }

    private double clipOrder(double q) {
        return Math.min(largestOrder, Math.max(smallestOrder, q));
    }
}
