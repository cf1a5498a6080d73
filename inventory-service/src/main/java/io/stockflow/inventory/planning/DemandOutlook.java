package io.stockflow.inventory.planning;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;
import io.stockflow.inventory.policy.LeadTimeDemand;
import io.stockflow.inventory.policy.StandardNormal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the latest forecast of a series says about the days ahead: daily means from today, and demand over any
 * lead time with its uncertainty.
 *
 * <p>Lead-time demand comes from the forecast's lead-time totals (7, 14, 28 days…), whose quantiles carry skew and
 * intermittency: the mean is the sum of the daily means over the lead time, and the total's spread around its mean
 * is scaled from the nearest total at least as long by √(L/d) (independent days). Lead-time uncertainty σ_L adds
 * d̄²σ_L² to the variance (SPP ch. 6), widening the spread by the same factor at every level. Where the forecast's
 * upper quantile lies below its own mean (conformal intervals from short, over-forecast backtests can do that),
 * its quantiles are not trusted and a normal with at least Poisson variance is used instead.
 */
public final class DemandOutlook {

    private static final double[] NO_LEVELS = {};

    private final LocalDate today;
    private final double[] daily;
    private final List<LeadTimeTotal> totals;
    private final List<String> levelNames;
    private final double[] levels;

    /**
     * @param quantileNames level names of the forecast in increasing order, e.g. {@code p10, p50, p90}
     */
    public DemandOutlook(LocalDate today, List<ForecastDay> days, List<LeadTimeTotal> totals,
                         List<String> quantileNames) {
        this.today = today;
        List<Double> ahead = new ArrayList<>();
        for (ForecastDay day : days) {
            if (!day.date().isBefore(today)) {
                ahead.add(Math.max(0, day.point()));
            }
        }
        this.daily = ahead.stream().mapToDouble(Double::doubleValue).toArray();
        this.totals = totals.stream().sorted((a, b) -> Integer.compare(a.days(), b.days())).toList();
        this.levelNames = List.copyOf(quantileNames);
        this.levels = quantileNames.isEmpty() ? NO_LEVELS
                : quantileNames.stream().mapToDouble(name -> Integer.parseInt(name.substring(1)) / 100.0).toArray();
    }

    /** Mean daily demand over the next {@code days} days (the last forecast day's rate beyond the forecast). */
    public double dailyMean(int days) {
        return demandOver(days) / days;
    }

    /** Mean demand over the next {@code days} (fractional) days from today. */
    public double demandOver(double days) {
        if (daily.length == 0) {
            return 0;
        }
        double total = 0;
        int whole = (int) Math.floor(days);
        for (int day = 0; day < whole; day++) {
            total += rate(day);
        }
        return total + (days - whole) * rate(whole);
    }

    private double rate(int day) {
        if (day < daily.length) {
            return daily[day];
        }
        int from = Math.max(0, daily.length - 7);
        double sum = 0;
        for (int i = from; i < daily.length; i++) {
            sum += daily[i];
        }
        return sum / (daily.length - from);
    }

    /** Demand over a lead time of mean {@code leadTimeDays} and deviation {@code leadTimeSdDays}. */
    public LeadTimeDemand leadTimeDemand(double leadTimeDays, double leadTimeSdDays) {
        double mean = demandOver(leadTimeDays);
        double rate = mean / leadTimeDays;
        LeadTimeTotal reference = reference(leadTimeDays);
        if (reference != null) {
            double[] quantiles = new double[levels.length];
            double scale = Math.sqrt(leadTimeDays / reference.days());
            for (int i = 0; i < levels.length; i++) {
                Double value = reference.quantiles().get(levelNames.get(i));
                quantiles[i] = value == null ? Double.NaN : mean + (value - reference.point()) * scale;
            }
            double spread = spread(quantiles);
            if (spread > 0 && quantiles[quantiles.length - 1] >= mean) {
                double widen = Math.sqrt(1 + rate * rate * leadTimeSdDays * leadTimeSdDays / (spread * spread));
                for (int i = 0; i < quantiles.length; i++) {
                    quantiles[i] = Math.max(0, mean + (quantiles[i] - mean) * widen);
                    if (i > 0) {
                        quantiles[i] = Math.max(quantiles[i], quantiles[i - 1]);
                    }
                }
                return LeadTimeDemand.fromQuantiles(mean, levels, quantiles);
            }
        }
        // No usable quantiles: a normal with at least the variance of Poisson demand.
        double dailySd = Math.sqrt(Math.max(rate, 0));
        return LeadTimeDemand.normal(rate, dailySd, leadTimeDays, leadTimeSdDays);
    }

    /** The shortest total at least as long as the lead time, else the longest. */
    private LeadTimeTotal reference(double leadTimeDays) {
        if (totals.isEmpty() || levels.length < 2) {
            return null;
        }
        for (LeadTimeTotal total : totals) {
            if (total.days() >= leadTimeDays) {
                return total;
            }
        }
        return totals.get(totals.size() - 1);
    }

    // The normal deviation the outermost quantiles imply; NaN-safe (0 when a level is missing).
    private double spread(double[] quantiles) {
        int last = quantiles.length - 1;
        if (Double.isNaN(quantiles[0]) || Double.isNaN(quantiles[last])) {
            return 0;
        }
        return (quantiles[last] - quantiles[0]) / (StandardNormal.inverse(levels[last])
                - StandardNormal.inverse(levels[0]));
    }

    /**
     * The first day on which on-hand stock, plus receipts due by then, no longer covers cumulative forecast
     * demand; null if it lasts beyond the forecast.
     *
     * @param receipts quantities due per day (open purchase orders by expected date)
     */
    public LocalDate projectedStockout(double onHand, Map<LocalDate, Double> receipts) {
        double stock = onHand;
        for (int day = 0; day < daily.length; day++) {
            LocalDate date = today.plusDays(day);
            stock += receipts.getOrDefault(date, 0.0);
            stock -= daily[day];
            if (stock < 0) {
                return date;
            }
        }
        return null;
    }

    public LocalDate today() {
        return today;
    }

    public int forecastDays() {
        return daily.length;
    }
}
