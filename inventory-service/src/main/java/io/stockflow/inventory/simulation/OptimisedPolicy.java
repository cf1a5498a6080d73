package io.stockflow.inventory.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stockflow's policy: continuous review (r, Q) checked daily, for a fill-rate target over the whole item set.
 * <ul>
 *   <li>Q is the economic order quantity on baseline demand, raised to the minimum order and whole packs.</li>
 *   <li>r is recomputed at each review from the forecast of the days ahead (anticipated windows and price changes
 *       included, the weekday profile averaged over each week) as the r ≥ 0 that minimises h·r + λ·lost(r) a day, with the exact lost-sales
 *       fill-rate model of {@link LostSalesFillRate}.</li>
 *   <li>λ, one price of a lost unit for every item, is the smallest at which the items' expected fill rates,
 *       pooled by units as the simulation reports them, reach the target on baseline demand ({@link
 *       #shortagePenalty}). This spends safety stock where a unit of service is cheapest — more on cheap fast
 *       movers, less on dear slow ones — rather than holding each item to the same rate (Silver, Pyke &amp;
 *       Peterson, ch. 7, the aggregate exchange curve). For a single item it is the smallest r reaching the target.
 *       </li>
 *   <li>No item is planned below a fill-rate floor ({@link SimulationSettings#itemFillRateFloor()}): a regular
 *       item is not given up to serve the set's average more cheaply.</li>
 * </ul>
 * When the position is at or below r it orders the fewest multiples of Q that lift it above r.
 */
final class OptimisedPolicy implements OrderPolicy {

    private final ItemCalendar calendar;
    private final int orderQuantity;
    private final double shortagePenalty;
    private final double itemFillRateFloor;
    private final Map<List<Double>, Long> reorderPointByForecast = new HashMap<>();

    OptimisedPolicy(ItemCalendar calendar, double shortagePenalty, double itemFillRateFloor) {
        this.calendar = calendar;
        this.orderQuantity = calendar.economicOrderQuantity();
        this.shortagePenalty = shortagePenalty;
        this.itemFillRateFloor = itemFillRateFloor;
    }

    /**
     * λ for a pooled fill-rate {@code target}: bisection on log λ, as the pooled fill rate rises with λ. Each item's
     * model is its baseline forecast (no scenario), averaged over the week.
     */
    static double shortagePenalty(List<ItemCalendar> calendars, double target, double itemFillRateFloor) {
        List<LostSalesFillRate> models = new ArrayList<>();
        for (ItemCalendar calendar : calendars) {
            double[] ahead = new double[calendar.leadTime.longest()];
            java.util.Arrays.fill(ahead, calendar.baselineMeanPerDay());
            models.add(new LostSalesFillRate(ahead, calendar.item.demand().varianceToMeanRatio(), calendar.leadTime,
                    calendar.economicOrderQuantity()));
        }
        double low = Math.log(1e-9);
        double high = Math.log(1e15);
        for (int i = 0; i < 80; i++) {
            double middle = (low + high) / 2;
            if (pooledFillRate(calendars, models, Math.exp(middle), itemFillRateFloor) >= target) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return Math.exp(high);
    }

    private static double pooledFillRate(List<ItemCalendar> calendars, List<LostSalesFillRate> models,
                                         double penalty, double itemFillRateFloor) {
        double demand = 0;
        double sold = 0;
        for (int i = 0; i < models.size(); i++) {
            LostSalesFillRate model = models.get(i);
            long reorderPoint = reorderPoint(model, calendars.get(i).item, penalty, itemFillRateFloor);
            demand += model.arrivalDayDemand();
            sold += model.arrivalDayDemand() * model.fillRate(reorderPoint);
        }
        return demand == 0 ? 1 : sold / demand;
    }

    @Override
    public long order(Review review) {
        long reorderPoint = reorderPoint(review.index());
        long position = review.position();
        if (position > reorderPoint) {
            return 0;
        }
        long multiples = (reorderPoint - position) / orderQuantity + 1;
        return multiples * orderQuantity;
    }

    /** r for a review on day {@code index}; the same forecast ahead gives the same r, so it is kept. */
    long reorderPoint(int index) {
        int longest = calendar.leadTime.longest();
        List<Double> ahead = new ArrayList<>(longest);
        for (int k = 1; k <= longest; k++) {
            ahead.add(weeklyForecast(index + k));
        }
        return reorderPointByForecast.computeIfAbsent(ahead, means -> {
            double[] dayMeans = means.stream().mapToDouble(Double::doubleValue).toArray();
            return reorderPoint(new LostSalesFillRate(dayMeans, calendar.item.demand().varianceToMeanRatio(),
                    calendar.leadTime, orderQuantity), calendar.item, shortagePenalty, itemFillRateFloor);
        });
    }

    /**
     * The forecast of a day averaged over the week around it: the weekday profile smoothed out, windows and price
     * changes kept (spread over their edges). A reorder point that rose and fell with the weekday would, each time it
     * rose, trigger an order that lifts the position to just above it, holding more than the model's steady state
     * (position uniform over r+1..r+Q) assumes; a level r over the week keeps that state.
     */
    private double weeklyForecast(int index) {
        double sum = 0;
        for (int offset = -3; offset <= 3; offset++) {
            sum += calendar.forecastMean(Math.max(0, index + offset));
        }
        return sum / 7;
    }

    private static long reorderPoint(LostSalesFillRate model, SimulatedItem item, double penalty, double floor) {
        return Math.max(model.reorderPoint(item.holdingCostPerUnitDay(), penalty),
                model.reorderPointForFillRate(floor));
    }

    int orderQuantity() {
        return orderQuantity;
    }

    @Override
    public String parameters() {
        return String.format(java.util.Locale.ROOT, "Q = %d; r follows the forecast, %d on day 1; λ = %.4g a unit "
                + "lost", orderQuantity, reorderPoint(calendar.indexOf(1)), shortagePenalty);
    }
}
