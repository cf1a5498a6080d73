package io.stockflow.inventory.simulation;

import io.stockflow.inventory.policy.EconomicOrderQuantity;

/**
 * One item's days in one simulation: the warm-up days, then days 1 to N, indexed from 0. For each day, the demand
 * the forecast expects (what policies may see), the demand's true mean (what the draws use), the price, and what
 * the supplier does to an order placed or due that day.
 */
final class ItemCalendar {

    /** Days beyond the last one for which the forecast is kept, for look-ahead over a lead time and more. */
    private static final int FORECAST_BEYOND = 400;

    final SimulatedItem item;
    final LeadTimeDistribution leadTime;
    final int warmUpDays;
    final int days;
    private final double[] forecastMean;
    private final double[] trueMean;
    private final double[] price;
    private final double[] leadTimeFactor;
    private final int[] deliveryDay;

    ItemCalendar(SimulatedItem item, Scenario scenario, int warmUpDays, int days) {
        this.item = item;
        this.leadTime = new LeadTimeDistribution(item.leadTimeDays(), item.leadTimeStdDevDays());
        this.warmUpDays = warmUpDays;
        this.days = days;
        int length = warmUpDays + days + leadTime.longest() + FORECAST_BEYOND;
        forecastMean = new double[length];
        trueMean = new double[length];
        price = new double[length];
        leadTimeFactor = new double[warmUpDays + days];
        deliveryDay = new int[warmUpDays + days + 1];
        for (int index = 0; index < length; index++) {
            int day = dayOf(index);
            double base = baselineMean(day);
            double anticipated = 1;
            double unanticipated = 1;
            double priceFactor = 1;
            double priceDemand = 1;
            if (day >= 1) {
                for (Scenario.DemandWindow window : scenario.demandWindows()) {
                    if (day >= window.fromDay() && day <= window.toDay()) {
                        if (window.anticipated()) {
                            anticipated *= window.factor();
                        } else {
                            unanticipated *= window.factor();
                        }
                    }
                }
                for (Scenario.PriceChange change : scenario.priceChanges()) {
                    if (day >= change.fromDay()) {
                        priceFactor = change.priceFactor();
                        priceDemand = change.demandFactor();
                    }
                }
            }
            forecastMean[index] = base * anticipated * priceDemand;
            trueMean[index] = forecastMean[index] * unanticipated;
            price[index] = item.unitPrice() * priceFactor;
        }
        for (int index = 0; index < leadTimeFactor.length; index++) {
            int day = dayOf(index);
            double factor = 1;
            for (Scenario.LeadTimeDisruption disruption : scenario.leadTimeDisruptions()) {
                if (day >= disruption.fromDay() && day <= disruption.toDay()) {
                    factor *= disruption.factor();
                }
            }
            leadTimeFactor[index] = factor;
        }
        for (int index = deliveryDay.length - 1; index >= 0; index--) {
            deliveryDay[index] = index;
            int day = dayOf(index);
            for (Scenario.SupplierOutage outage : scenario.supplierOutages()) {
                if (day >= outage.fromDay() && day <= outage.toDay()) {
                    // Windows may touch or overlap: the later day was already resolved.
                    deliveryDay[index] = deliveryDay[Math.min(deliveryDay.length - 1, indexOf(outage.toDay() + 1))];
                }
            }
        }
    }

    /** The simulated day of an index: warm-up days are 0 and below, reported days 1 to N. */
    int dayOf(int index) {
        return index - warmUpDays + 1;
    }

    int indexOf(int day) {
        return day + warmUpDays - 1;
    }

    int length() {
        return warmUpDays + days;
    }

    double forecastMean(int index) {
        return forecastMean[index];
    }

    double trueMean(int index) {
        return trueMean[index];
    }

    double price(int index) {
        return price[index];
    }

    /**
     * The day index on which an order placed on {@code index} with drawn lead time {@code drawnDays} reaches the
     * shelf; {@link #length()} or more when that is after the last day.
     */
    int arrivalIndex(int index, int drawnDays) {
        double factor = leadTimeFactor[index];
        int days = factor == 1 ? drawnDays : (int) Math.max(1, Math.round(drawnDays * factor));
        long arrival = (long) index + days;
        return arrival >= deliveryDay.length ? Integer.MAX_VALUE : deliveryDay[(int) arrival];
    }

    private double baselineMean(int day) {
        return item.demand().meanPerDay() * item.demand().weekdayFactor(day);
    }

    /** Mean demand a day over the baseline (no scenario), averaged over the week. */
    double baselineMeanPerDay() {
        return item.demand().meanPerDay();
    }

    /** The economic order quantity on baseline demand, raised to the minimum order and whole packs. */
    int economicOrderQuantity() {
        double eoq = EconomicOrderQuantity.quantity(365 * baselineMeanPerDay(), item.orderingCost(),
                item.unitCost(), item.holdingCostRate());
        return item.roundOrder(Math.max(1, Math.round(eoq)));
    }

    /** The stock every policy starts from: the item's own, or the mean lead-time demand plus half an EOQ. */
    int initialOnHand() {
        if (item.initialOnHand() != null) {
            return item.initialOnHand();
        }
        return (int) Math.round(baselineMeanPerDay() * leadTime.mean() + economicOrderQuantity() / 2.0);
    }
}
