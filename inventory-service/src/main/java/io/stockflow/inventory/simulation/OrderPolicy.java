package io.stockflow.inventory.simulation;

/**
 * A replenishment rule, reviewed once a day after the day's sales. It sees the stock and what it knows in advance
 * (its item's {@link ItemCalendar} forecast and parameters), never the demand to come.
 */
interface OrderPolicy {

    /**
     * The state at a review: day index, stock on hand after the day's sales, units on order, and units of demand
     * lost today (observable as a stockout; only the Q-learning policy uses it, as its training cost).
     */
    record Review(int index, int onHand, int onOrder, int lostToday) {

        long position() {
            return (long) onHand + onOrder;
        }
    }

    /** Units to order now (the simulator raises a positive order to the minimum and to whole packs). */
    long order(Review review);

    /** What the rule set for its item, in words. */
    String parameters();
}
