package io.stockflow.inventory.simulation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A simulation: items, what happens to them, how to run it and which policies to compare.
 *
 * @param policies the policies side by side, in this order; null or empty for the optimised, naive, min/max and
 *                 Q-learning policies
 */
public record SimulationRequest(List<SimulatedItem> items, Scenario scenario, SimulationSettings settings,
                                List<PolicyKind> policies) {

    public static final int MAX_ITEMS = 500;

    public SimulationRequest {
        scenario = scenario == null ? Scenario.NONE : scenario;
        policies = policies == null || policies.isEmpty()
                ? List.of(PolicyKind.OPTIMISED, PolicyKind.NAIVE, PolicyKind.MIN_MAX, PolicyKind.Q_LEARNING)
                : List.copyOf(policies);
    }

    void validate() {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("items must hold at least one item");
        }
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("items must hold at most " + MAX_ITEMS + " items, got " + items.size());
        }
        Validation.requireNonNull(settings, "settings").validate();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            SimulatedItem item = Validation.requireNonNull(items.get(i), "items[" + i + "]");
            item.validate("items[" + i + "]");
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("items[" + i + "].id repeats " + item.id());
            }
        }
        scenario.validate(settings.days());
        if (policies.stream().distinct().count() != policies.size()) {
            throw new IllegalArgumentException("policies must not repeat");
        }
    }
}
