package io.stockflow.inventory.simulation;

/**
 * Fixed min/max, a rule of thumb: when the stock position is at or below {@code minDays} of mean demand, order up
 * to {@code maxDays} of mean demand. The levels ignore the lead time, the forecast and costs.
 */
final class MinMaxPolicy implements OrderPolicy {

    private final double minimum;
    private final double maximum;

    MinMaxPolicy(ItemCalendar calendar, double minDays, double maxDays) {
        this.minimum = minDays * calendar.baselineMeanPerDay();
        this.maximum = maxDays * calendar.baselineMeanPerDay();
    }

    @Override
    public long order(Review review) {
        long position = review.position();
        return position <= minimum ? (long) Math.ceil(maximum - position) : 0;
    }

    @Override
    public String parameters() {
        return String.format(java.util.Locale.ROOT, "min %.1f, max %.1f units", minimum, maximum);
    }
}
