package io.stockflow.inventory.optimize;

import java.util.Locale;

/**
 * What the optimisation minimises, always subject to the same {@link Constraints}.
 * <ul>
 *   <li>{@link #COST}: expected annual holding + ordering + shortage cost, C = Σ C_i.</li>
 *   <li>{@link #SERVICE}: expected units short a year, U = Σ D_i·n_i(r_i)/Q_i — equivalently, the demand-weighted
 *       fill rate 1 − U/Σ D_i is maximised. Costs are reported but not weighed. Shortages fall as stock grows
 *       without end, so this needs a budget or a warehouse capacity, and uses all of it.</li>
 *   <li>{@link #BALANCED}: C/C₀ + U/U₀, where C₀ and U₀ are the cost and the units short of the {@link #COST}
 *       optimum under the same constraints: a 1% cut in units short is worth a 1% rise in cost (the normalised
 *       weighted sum; R. T. Marler &amp; J. S. Arora, "Survey of multi-objective optimization methods for
 *       engineering", Struct. Multidisc. Optim. 26, 2004). It is the cost objective with every unit short costing
 *       C₀/U₀ more, so it lies on the cost–service Pareto front between the other two.</li>
 * </ul>
 */
public enum Objective {
    COST, SERVICE, BALANCED;

    /** From the API's spelling: {@code cost}, {@code service} or {@code balanced}. */
    public static Objective parse(String name) {
        if (name != null) {
            for (Objective objective : values()) {
                if (objective.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return objective;
                }
            }
        }
        throw new InvalidInputException("objective", null, "must be cost, service or balanced, got " + name);
    }
}
