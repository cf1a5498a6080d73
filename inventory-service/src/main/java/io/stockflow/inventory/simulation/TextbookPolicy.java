package io.stockflow.inventory.simulation;

import io.stockflow.inventory.policy.LeadTimeDemand;
import io.stockflow.inventory.policy.SafetyStock;

/**
 * The textbook (r, Q): Q as {@link OptimisedPolicy}'s; r = μ_L + k·σ_L with σ_L = sqrt(L·σ_d² + d²·σ_L²) and k from
 * G(k) = Q(1 − β)/σ_L ({@link SafetyStock#forFillRate}) — a normal, backordered, continuously reviewed lead-time
 * demand. d is the forecast mean over the next L days, σ_d² = v·d.
 */
final class TextbookPolicy implements OrderPolicy {

    private final ItemCalendar calendar;
    private final int orderQuantity;
    private final double targetFillRate;

    TextbookPolicy(ItemCalendar calendar, double targetFillRate) {
        this.calendar = calendar;
        this.orderQuantity = calendar.economicOrderQuantity();
        this.targetFillRate = targetFillRate;
    }

    @Override
    public long order(Review review) {
        double leadTime = calendar.leadTime.mean();
        double daily = Forecasts.over(calendar, review.index(), leadTime) / leadTime;
        LeadTimeDemand demand = LeadTimeDemand.normal(daily,
                Math.sqrt(daily * calendar.item.demand().varianceToMeanRatio()), leadTime,
                calendar.item.leadTimeStdDevDays());
        double reorderPoint = demand.mean() + SafetyStock.forFillRate(demand, targetFillRate, orderQuantity);
        long position = review.position();
        if (position > reorderPoint) {
            return 0;
        }
        return ((long) Math.floor(reorderPoint - position) / orderQuantity + 1) * orderQuantity;
    }

    @Override
    public String parameters() {
        return "Q = " + orderQuantity;
    }
}
