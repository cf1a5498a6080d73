package io.stockflow.inventory.simulation;

import java.util.List;

/**
 * What happens to every item during the simulated days (days are numbered 1 to N; windows include both ends).
 * None of it applies to warm-up days.
 *
 * @param demandWindows        demand multiplied by a factor for a while
 * @param leadTimeDisruptions  lead times stretched for orders placed in a window
 * @param supplierOutages      windows in which nothing is delivered
 * @param priceChanges         new selling prices from a day on
 */
public record Scenario(List<DemandWindow> demandWindows, List<LeadTimeDisruption> leadTimeDisruptions,
                       List<SupplierOutage> supplierOutages, List<PriceChange> priceChanges) {

    /** Business as usual. */
    public static final Scenario NONE = new Scenario(List.of(), List.of(), List.of(), List.of());

    /** Price elasticity of demand when a price change gives none: a 10% higher price sells about 15% less. */
    public static final double DEFAULT_PRICE_ELASTICITY = -1.5;

    public Scenario {
        demandWindows = demandWindows == null ? List.of() : List.copyOf(demandWindows);
        leadTimeDisruptions = leadTimeDisruptions == null ? List.of() : List.copyOf(leadTimeDisruptions);
        supplierOutages = supplierOutages == null ? List.of() : List.copyOf(supplierOutages);
        priceChanges = priceChanges == null ? List.of() : List.copyOf(priceChanges);
    }

    /**
     * Demand × {@code factor} on days {@code fromDay} to {@code toDay}. {@code anticipated}: whether the forecast
     * knew of it (a planned promotion) or not (a viral spike) — only anticipated windows reach the policies.
     * Overlapping windows multiply.
     */
    public record DemandWindow(int fromDay, int toDay, double factor, boolean anticipated) {
    }

    /**
     * Orders placed on days {@code fromDay} to {@code toDay} take {@code factor} times their drawn lead time
     * (rounded, at least 1 day): a congested port, a slower supplier. Policies plan with the usual lead time.
     */
    public record LeadTimeDisruption(int fromDay, int toDay, double factor) {
    }

    /**
     * The supplier delivers nothing on days {@code fromDay} to {@code toDay}: orders can still be placed, and
     * whatever falls due in the window arrives on day {@code toDay + 1}. Not foreseen by the policies.
     */
    public record SupplierOutage(int fromDay, int toDay) {
    }

    /**
     * From {@code fromDay} on, the item sells at {@code newPrice} = the base price × {@code priceFactor}, and
     * demand is multiplied by {@code priceFactor}^{@code elasticity} (constant elasticity). The price is the
     * company's own decision, so the forecast (and every policy) knows it. A later change replaces an earlier one.
     *
     * @param priceFactor new price over the item's base price (0.8 = 20% off)
     * @param elasticity  price elasticity of demand, at most 0; null for {@link #DEFAULT_PRICE_ELASTICITY}
     */
    public record PriceChange(int fromDay, double priceFactor, Double elasticity) {

        double demandFactor() {
            return Math.pow(priceFactor, elasticity == null ? DEFAULT_PRICE_ELASTICITY : elasticity);
        }
    }

    void validate(int days) {
        for (int i = 0; i < demandWindows.size(); i++) {
            DemandWindow window = Validation.requireNonNull(demandWindows.get(i), "scenario.demandWindows[" + i + "]");
            String field = "scenario.demandWindows[" + i + "]";
            requireWindow(window.fromDay(), window.toDay(), days, field);
            Validation.requireRange(window.factor(), 1e-3, 1e3, field + ".factor");
        }
        for (int i = 0; i < leadTimeDisruptions.size(); i++) {
            String field = "scenario.leadTimeDisruptions[" + i + "]";
            LeadTimeDisruption disruption = Validation.requireNonNull(leadTimeDisruptions.get(i), field);
            requireWindow(disruption.fromDay(), disruption.toDay(), days, field);
            Validation.requireRange(disruption.factor(), 0.1, 20, field + ".factor");
        }
        for (int i = 0; i < supplierOutages.size(); i++) {
            String field = "scenario.supplierOutages[" + i + "]";
            SupplierOutage outage = Validation.requireNonNull(supplierOutages.get(i), field);
            requireWindow(outage.fromDay(), outage.toDay(), days, field);
        }
        for (int i = 0; i < priceChanges.size(); i++) {
            String field = "scenario.priceChanges[" + i + "]";
            PriceChange change = Validation.requireNonNull(priceChanges.get(i), field);
            Validation.requireRange(change.fromDay(), 1, days, field + ".fromDay");
            Validation.requireRange(change.priceFactor(), 0.01, 100, field + ".priceFactor");
            if (change.elasticity() != null) {
                Validation.requireRange(change.elasticity(), -10, 0, field + ".elasticity");
            }
            if (i > 0 && change.fromDay() <= priceChanges.get(i - 1).fromDay()) {
                throw new IllegalArgumentException(field + ".fromDay must come after the previous change's");
            }
        }
    }

    private static void requireWindow(int fromDay, int toDay, int days, String field) {
        Validation.requireRange(fromDay, 1, days, field + ".fromDay");
        Validation.requireRange(toDay, fromDay, days, field + ".toDay");
    }
}
