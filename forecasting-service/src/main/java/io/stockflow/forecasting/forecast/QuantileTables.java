package io.stockflow.forecasting.forecast;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;
import io.stockflow.forecasting.model.EnsembleForecaster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a fit into the daily and lead-time quantile tables that the API answers and the events carry. */
public final class QuantileTables {

    private static final List<Integer> DEFAULT_LEAD_TIMES = List.of(7, 14, 28);

    private final double[] levels;
    private final List<String> names;

    public QuantileTables(double[] levels) {
        this.levels = levels.clone();
        this.names = Arrays.stream(levels).mapToObj(QuantileTables::name).toList();
    }

    /** {@code p10} for 0.1, {@code p97_5} for 0.975. */
    static String name(double level) {
        double percent = level * 100;
        return percent == Math.rint(percent) ? "p" + (long) percent
                : "p" + String.valueOf(percent).replace('.', '_');
    }

    public List<String> names() {
        return names;
    }

    /** 7, 14 and 28 days where shorter than the horizon, and the horizon. */
    public static List<Integer> defaultLeadTimes(int horizon) {
        TreeSet<Integer> leadTimes = new TreeSet<>();
        DEFAULT_LEAD_TIMES.stream().filter(days -> days < horizon).forEach(leadTimes::add);
        leadTimes.add(horizon);
        return List.copyOf(leadTimes);
    }

    public List<ForecastDay> daily(EnsembleForecaster.Fit fit, LocalDate historyEnd, int horizon) {
        double[] mean = Arrays.copyOf(fit.mean(), horizon);
        double[][] quantiles = fit.errors().daily(mean, levels);
        List<ForecastDay> days = new ArrayList<>(horizon);
        for (int day = 0; day < horizon; day++) {
            double[] values = new double[levels.length];
            for (int q = 0; q < levels.length; q++) {
                values[q] = quantiles[q][day];
            }
            days.add(new ForecastDay(historyEnd.plusDays(day + 1L), mean[day], named(values)));
        }
        return days;
    }

    public List<LeadTimeTotal> leadTimes(EnsembleForecaster.Fit fit, int horizon, List<Integer> leadTimes) {
        double[] mean = Arrays.copyOf(fit.mean(), horizon);
        List<LeadTimeTotal> totals = new ArrayList<>(leadTimes.size());
        for (int days : leadTimes) {
            totals.add(new LeadTimeTotal(days, Arrays.stream(mean, 0, days).sum(),
                    named(fit.errors().leadTime(mean, days, levels))));
        }
        return totals;
    }

    /** Zero demand, for a product never sold in a store. */
    public List<ForecastDay> zeroDays(LocalDate historyEnd, int horizon) {
        List<ForecastDay> days = new ArrayList<>(horizon);
        for (int day = 0; day < horizon; day++) {
            days.add(new ForecastDay(historyEnd.plusDays(day + 1L), 0, named(new double[levels.length])));
        }
        return days;
    }

    public List<LeadTimeTotal> zeroTotals(List<Integer> leadTimes) {
        return leadTimes.stream().map(days -> new LeadTimeTotal(days, 0, named(new double[levels.length]))).toList();
    }

    private Map<String, Double> named(double[] values) {
        Map<String, Double> named = new LinkedHashMap<>();
        for (int q = 0; q < values.length; q++) {
            named.put(names.get(q), values[q]);
        }
        return named;
    }
}
