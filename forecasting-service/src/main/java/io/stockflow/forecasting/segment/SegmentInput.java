package io.stockflow.forecasting.segment;

import java.util.Arrays;

/** What segmentation needs of one series: its demand profile and weekly totals over the window. */
public record SegmentInput(DemandProfile profile, double[] weekly) {

    /** Days of history segments are drawn from by default: a year. */
    public static final int DEFAULT_WINDOW_DAYS = 365;

    /** From units sold per day, oldest first; whole weeks are counted back from the last day. */
    public static SegmentInput of(double[] sold, int windowDays) {
        double[] window = Arrays.copyOfRange(sold, Math.max(0, sold.length - windowDays), sold.length);
        double[] weeks = new double[Math.max(1, window.length / 7)];
        for (int t = 0; t < Math.min(window.length, weeks.length * 7); t++) {
            weeks[weeks.length - 1 - t / 7] += window[window.length - 1 - t];
        }
        return new SegmentInput(DemandProfile.of(window), weeks);
    }
}
