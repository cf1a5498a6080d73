package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Inputs the global models share: each series' scale, calendar encodings and regressor values. */
final class SeriesFeatures {

    /** Days whose mean demand scales a series: series of any volume share one model. */
    static final int SCALE_DAYS = 28;
    private static final double TWO_PI = 2 * Math.PI;

    private SeriesFeatures() {
    }

    /**
     * One plus the mean demand of the {@value #SCALE_DAYS} days before {@code end} (DeepAR's scale, Salinas et al.
     * 2020): fast movers are divided by their level, slow movers stay near their counts, so a single unit sold by an
     * item that rarely sells does not become a hundredfold spike that swamps the loss of every other series.
     */
    static double scale(double[] demand, int end) {
        return 1 + mean(demand, Math.max(0, end - SCALE_DAYS), end);
    }

    static double mean(double[] values, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    static double weekdaySin(LocalDate date) {
        return Math.sin(TWO_PI * (date.getDayOfWeek().getValue() - 1) / 7);
    }

    static double weekdayCos(LocalDate date) {
        return Math.cos(TWO_PI * (date.getDayOfWeek().getValue() - 1) / 7);
    }

    static double yearSin(LocalDate date) {
        return Math.sin(TWO_PI * date.getDayOfYear() / 365.25);
    }

    static double yearCos(LocalDate date) {
        return Math.cos(TWO_PI * date.getDayOfYear() / 365.25);
    }

    /** The regressor names of a panel, sorted: a model's inputs do not depend on the order of its series. */
    static List<String> regressorNames(List<DemandSeries> panel) {
        Set<String> names = new TreeSet<>();
        panel.forEach(series -> names.addAll(series.regressors().keySet()));
        return List.copyOf(names);
    }

    /** A series' regressors in the model's order; null where the series has none (read as 0). */
    static double[][] regressors(DemandSeries series, List<String> names) {
        double[][] values = new double[names.size()][];
        for (int r = 0; r < names.size(); r++) {
            values[r] = series.regressors().get(names.get(r));
        }
        return values;
    }

    /** The value of a regressor on day {@code t}; 0 where it is missing or does not reach that far. */
    static double value(double[] regressor, int t) {
        return regressor == null || t < 0 || t >= regressor.length ? 0 : regressor[t];
    }

    /** A regressor's usual level: its mean over the {@value #SCALE_DAYS} days before {@code end}. */
    static double usualLevel(double[] regressor, int end) {
        return regressor == null ? 0 : mean(regressor, Math.max(0, end - SCALE_DAYS), Math.min(end,
                regressor.length));
    }
}
