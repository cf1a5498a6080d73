package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small synthetic panels the learned models must learn from: a weekly pattern and a promotion lift shared by all. */
final class LearnedPanels {

    static final LocalDate START = LocalDate.of(2023, 1, 2);
    private static final double[] WEEK = {0.8, 0.9, 0.9, 1.0, 1.2, 1.6, 0.6};
    static final double PROMOTION_LIFT = 2.5;

    private LearnedPanels() {
    }

    /**
     * Series of different levels with a shared weekly profile and promotions that multiply demand by
     * {@value #PROMOTION_LIFT}; the promotion regressor covers {@code futureDays} beyond the history, with a
     * promotion planned on days 3–5 ahead.
     */
    static List<DemandSeries> weeklyWithPromotions(int seriesCount, int days, int futureDays, long seed) {
        Random random = new Random(seed);
        List<DemandSeries> panel = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            double level = 5 + random.nextDouble() * 45;
            double[] promotion = new double[days + futureDays];
            for (int t = 0; t < promotion.length; t++) {
                promotion[t] = random.nextDouble() < 0.08 ? 1 : 0;
            }
            for (int t = days; t < days + futureDays; t++) {
                promotion[t] = t >= days + 2 && t <= days + 4 ? 1 : 0;
            }
            double[] demand = new double[days];
            for (int t = 0; t < days; t++) {
                double mean = level * WEEK[START.plusDays(t).getDayOfWeek().getValue() - 1]
                        * (promotion[t] > 0 ? PROMOTION_LIFT : 1);
                demand[t] = Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
            }
            panel.add(new DemandSeries(START, demand, Map.of("promotion", promotion)));
        }
        return panel;
    }

    /** The expected demand of day {@code t} of a series of level {@code level} (for checks). */
    static double weekdayFactor(int t) {
        return WEEK[START.plusDays(t).getDayOfWeek().getValue() - 1];
    }

    static LocalDate lastDay(DemandSeries series) {
        return series.start().plusDays(series.length() - 1L);
    }
}
