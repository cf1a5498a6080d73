package io.stockflow.inventory.policy;

import java.util.Comparator;
import java.util.List;

/**
 * The economic order quantity (Harris 1913; Silver, Pyke &amp; Peterson, <i>Inventory and Production Management
 * in Supply Chains</i>, 4th ed., ch. 4) and its all-units quantity-discount form (ibid.; Chopra &amp; Meindl,
 * ch. 11).
 */
public final class EconomicOrderQuantity {

    private EconomicOrderQuantity() {
    }

    /** An order size with what it costs a year. */
    public record Order(double quantity, double unitCost, double purchaseCost, double orderingCost,
                        double holdingCost) {

        public double totalCost() {
            return purchaseCost + orderingCost + holdingCost;
        }
    }

    /**
     * A price that applies to every unit of an order of at least {@code minimumQuantity} units.
     */
    public record PriceBreak(double minimumQuantity, double unitCost) {

        public PriceBreak {
            requireNonNegative(minimumQuantity, "minimum quantity");
            requirePositive(unitCost, "unit cost");
        }
    }

    /**
     * @param annualDemand    units a year
     * @param orderingCost    fixed cost per order
     * @param holdingCostRate share of the unit cost that holding a unit for a year costs
     * @return sqrt(2·D·A / (v·r))
     */
    public static double quantity(double annualDemand, double orderingCost, double unitCost, double holdingCostRate) {
        requirePositive(annualDemand, "annual demand");
        requireNonNegative(orderingCost, "ordering cost");
        requirePositive(unitCost, "unit cost");
        requirePositive(holdingCostRate, "holding cost rate");
        return Math.sqrt(2 * annualDemand * orderingCost / (unitCost * holdingCostRate));
    }

    /** The yearly costs of ordering {@code quantity} units at a time at {@code unitCost}. */
    public static Order cost(double quantity, double annualDemand, double orderingCost, double unitCost,
                             double holdingCostRate) {
        requirePositive(quantity, "order quantity");
        return new Order(quantity, unitCost, annualDemand * unitCost, annualDemand / quantity * orderingCost,
                quantity / 2 * unitCost * holdingCostRate);
    }

    /**
     * The cheapest order under all-units discounts: at each price, the EOQ if it reaches the price's minimum,
     * otherwise the minimum itself; the one of lowest total yearly cost. (An EOQ beyond the next break never wins:
     * the next price buys the same quantity for less.)
     */
    public static Order withDiscounts(double annualDemand, double orderingCost, double holdingCostRate,
                                      List<PriceBreak> breaks) {
        if (breaks.isEmpty()) {
            throw new IllegalArgumentException("at least one price is needed");
        }
        List<PriceBreak> sorted = breaks.stream().sorted(Comparator.comparingDouble(PriceBreak::minimumQuantity))
                .toList();
        Order best = null;
        for (PriceBreak price : sorted) {
            double eoq = quantity(annualDemand, orderingCost, price.unitCost(), holdingCostRate);
            double quantity = Math.max(eoq, Math.max(price.minimumQuantity(), Double.MIN_NORMAL));
            Order order = cost(quantity, annualDemand, orderingCost, price.unitCost(), holdingCostRate);
            if (best == null || order.totalCost() < best.totalCost()) {
                best = order;
            }
        }
        return best;
    }

    static void requirePositive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    static void requireNonNegative(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
