package io.stockflow.inventory.simulation;

/**
 * "Order when the forecast exceeds the stock": at each daily review, when the forecast demand over the mean lead
 * time exceeds the stock position (on hand + on order), order the forecast over the lead time plus
 * {@code coverDays} more, less the position. No safety stock, no order-size economics.
 */
final class NaivePolicy implements OrderPolicy {

    private final ItemCalendar calendar;
    private final double coverDays;

    NaivePolicy(ItemCalendar calendar, double coverDays) {
        this.calendar = calendar;
        this.coverDays = coverDays;
    }

    @Override
    public long order(Review review) {
        double leadTime = calendar.leadTime.mean();
        if (Forecasts.over(calendar, review.index(), leadTime) <= review.position()) {
            return 0;
        }
        return (long) Math.ceil(Forecasts.over(calendar, review.index(), leadTime + coverDays) - review.position());
    }

    @Override
    public String parameters() {
        return "forecast over " + calendar.leadTime.mean() + " days, then " + coverDays + " days more";
    }
}
