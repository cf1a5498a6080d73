package io.stockflow.inventory.optimize;

import java.util.List;
import java.util.Set;

/**
 * No policies meet every constraint: a budget or a warehouse capacity below what the service floors (and the
 * order limits) need at the least. Says which resource falls short, by how much, and which items need most of it.
 */
public final class InfeasibleConstraintsException extends RuntimeException {

    /** What one item needs of the resource at the least. */
    public record ItemNeed(String itemId, double minimum) {
    }

    private final Set<ConstraintKind> constraints;
    private final ConstraintKind resource;
    private final double limit;
    private final double minimumRequired;
    private final List<ItemNeed> largestNeeds;

    /**
     * @param constraints     the constraints that cannot all hold together
     * @param resource        the resource that falls short ({@link ConstraintKind#BUDGET} or
     *                        {@link ConstraintKind#WAREHOUSE_CAPACITY})
     * @param limit           what was given of it
     * @param minimumRequired the least of it that any policies meeting the other constraints need
     * @param largestNeeds    the items that need most of it, largest first
     */
    public InfeasibleConstraintsException(String message, Set<ConstraintKind> constraints, ConstraintKind resource,
                                          double limit, double minimumRequired, List<ItemNeed> largestNeeds) {
        super(message);
        this.constraints = Set.copyOf(constraints);
        this.resource = resource;
        this.limit = limit;
        this.minimumRequired = minimumRequired;
        this.largestNeeds = List.copyOf(largestNeeds);
    }

    public Set<ConstraintKind> constraints() {
        return constraints;
    }

    public ConstraintKind resource() {
        return resource;
    }

    public double limit() {
        return limit;
    }

    public double minimumRequired() {
        return minimumRequired;
    }

    public List<ItemNeed> largestNeeds() {
        return largestNeeds;
    }
}
