package io.stockflow.inventory.simulation;

/** Forecast totals over the days ahead of a review. */
final class Forecasts {

    private Forecasts() {
    }

    /** Forecast demand of the {@code days} days after day {@code index} (a fraction of the last day for a fraction). */
    static double over(ItemCalendar calendar, int index, double days) {
        double total = 0;
        int whole = (int) Math.floor(days);
        for (int k = 1; k <= whole; k++) {
            total += calendar.forecastMean(index + k);
        }
        double fraction = days - whole;
        if (fraction > 0) {
            total += fraction * calendar.forecastMean(index + whole + 1);
        }
        return total;
    }
}
