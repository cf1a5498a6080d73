package io.stockflow.inventory.simulation;

/**
 * The day loop for one item, one history and one policy. Each day, in this order:
 * <ol>
 *   <li>orders due today are received (on hand += quantity);</li>
 *   <li>demand is realised; sales = min(demand, on hand); the rest is lost (no backorders: a retail customer who
 *       finds an empty shelf buys elsewhere);</li>
 *   <li>the policy reviews the stock position (on hand + on order) and may order; the simulator raises a positive
 *       order to the minimum order quantity and then to whole packs; it arrives after its lead time;</li>
 *   <li>costs accrue: holding on the end-of-day stock, the ordering cost of an order placed, the shortage cost of
 *       units lost, at the day's price.</li>
 * </ol>
 * Warm-up days run the same way but are not tallied; orders placed in the warm-up may arrive in the reported days.
 */
final class ItemSimulation {

    private ItemSimulation() {
    }

    /** Runs the calendar's days from the initial stock; tallies the reported ones into {@code tally}. */
    static void run(ItemCalendar calendar, DemandPath path, OrderPolicy policy, Tally tally) {
        SimulatedItem item = calendar.item;
        int length = calendar.length();
        long[] arrivals = new long[length];
        long onHand = calendar.initialOnHand();
        long onOrder = 0;
        double holdingPerUnitDay = item.holdingCostPerUnitDay();
        boolean cycleHadStockout = false;
        boolean cycleHasDays = false;
        for (int index = 0; index < length; index++) {
            boolean reported = calendar.dayOf(index) >= 1;
            if (arrivals[index] > 0) {
                onHand += arrivals[index];
                onOrder -= arrivals[index];
                if (reported && cycleHasDays) {
                    tally.cycles++;
                    tally.cyclesWithStockout += cycleHadStockout ? 1 : 0;
                }
                cycleHadStockout = false;
                cycleHasDays = false;
            }
            int demand = path.demand[index];
            long sold = Math.min(demand, onHand);
            long lost = demand - sold;
            onHand -= sold;

            long wanted = policy.order(new OrderPolicy.Review(index, (int) Math.min(Integer.MAX_VALUE, onHand),
                    (int) Math.min(Integer.MAX_VALUE, onOrder), (int) lost));
            int ordered = item.roundOrder(wanted);
            if (ordered > 0) {
                onOrder += ordered;
                int arrival = calendar.arrivalIndex(index, path.drawnLeadTime[index]);
                if (arrival < length) {
                    arrivals[arrival] += ordered;
                }
            }
            if (reported) {
                double price = calendar.price(index);
                tally.days++;
                tally.demanded += demand;
                tally.sold += sold;
                tally.lost += lost;
                tally.revenue += sold * price;
                tally.costOfGoodsSold += sold * item.unitCost();
                tally.shortageCost += lost * item.shortageCost(price);
                tally.onHandUnitDays += onHand;
                tally.onHandValueDays += onHand * item.unitCost();
                tally.holdingCost += onHand * holdingPerUnitDay;
                if (ordered > 0) {
                    tally.orders++;
                    tally.orderingCost += item.orderingCost();
                }
                if (lost > 0) {
                    tally.stockoutDays++;
                    cycleHadStockout = true;
                }
                cycleHasDays = true;
            }
        }
        if (cycleHadStockout) {
            tally.cycles++;
            tally.cyclesWithStockout++;
        }
    }
}
