package io.stockflow.inventory.simulation;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Tabular Q-learning of when and how much to order, trained in the simulator itself.
 * <ul>
 *   <li>State: the stock position (on hand + on order) in one of 24 buckets: 20 of equal width over
 *       [0, μ_L + 2a) — μ_L the mean lead-time demand — then 3 more of that width and one for everything above.</li>
 *   <li>Actions: order 0, a, 2a or 4a units, with a the item's economic order quantity (raised to the minimum order
 *       and whole packs) — the reference's 0/500/1,000/2,000 units, scaled to the item.</li>
 *   <li>Reward of a day: minus its cost — the ordering cost of the order placed at the previous review, holding on
 *       today's end-of-day stock and the shortage cost of today's lost units; discount 0.99 a day, so that costs a
 *       lead time ahead still count.</li>
 *   <li>Training: episodes of 365 days of baseline demand (no scenario: the agent learns the item as it is
 *       usually seen) from the common initial stock, each on its own history drawn from seeds distinct from the
 *       evaluation's; ε-greedy with ε falling linearly from 1 to 0.05 over the first 80% of the episodes; learning
 *       rate 1/√(visits of the state–action), at least 0.02.</li>
 *   <li>Evaluation: greedy and frozen — it does not keep learning on the histories it is measured on.</li>
 * </ul>
 * Deterministic for a seed.
 */
final class QLearningPolicy implements OrderPolicy {

    static final int EPISODE_DAYS = 365;
    private static final double DISCOUNT = 0.99;
    private static final double FINAL_EPSILON = 0.05;
    private static final double MIN_LEARNING_RATE = 0.02;
    private static final int BUCKETS = 24;

    private final long[] actions;
    private final double bucketWidth;
    private final double[][] values = new double[BUCKETS][];
    private final int[][] visits = new int[BUCKETS][];

    private QLearningPolicy(ItemCalendar calendar) {
        long unit = calendar.economicOrderQuantity();
        actions = new long[] {0, unit, 2 * unit, 4 * unit};
        double leadTimeDemand = calendar.baselineMeanPerDay() * calendar.leadTime.mean();
        bucketWidth = Math.max(1e-9, (leadTimeDemand + 2 * unit) / 20);
        for (int state = 0; state < BUCKETS; state++) {
            values[state] = new double[actions.length];
            visits[state] = new int[actions.length];
        }
    }

    /** Trains on {@code episodes} histories of the item's baseline demand drawn from {@code seed}. */
    static QLearningPolicy train(SimulatedItem item, int episodes, long seed) {
        ItemCalendar training = new ItemCalendar(item, Scenario.NONE, 0, EPISODE_DAYS);
        QLearningPolicy policy = new QLearningPolicy(training);
        RandomGenerator exploration = new Well19937c(Seeds.mix(seed, Seeds.EXPLORATION));
        for (int episode = 0; episode < episodes; episode++) {
            double epsilon = Math.max(FINAL_EPSILON, 1 - episode / (0.8 * episodes));
            DemandPath history = DemandPath.draw(training, Seeds.mix(seed, Seeds.TRAINING, episode));
            ItemSimulation.run(training, history, policy.new Learner(training, epsilon, exploration), new Tally());
        }
        return policy;
    }

    /** A policy that orders 0, a, 2a or 4a at random each day: what training starts from. */
    static OrderPolicy randomActions(SimulatedItem item, long seed) {
        ItemCalendar calendar = new ItemCalendar(item, Scenario.NONE, 0, EPISODE_DAYS);
        return new QLearningPolicy(calendar).new Learner(calendar, 1, new Well19937c(seed));
    }

    @Override
    public long order(Review review) {
        return actions[greedy(stateOf(review.position()))];
    }

    @Override
    public String parameters() {
        return String.format(java.util.Locale.ROOT, "a = %d units, buckets of %.1f units", actions[1], bucketWidth);
    }

    private int stateOf(long position) {
        return (int) Math.min(BUCKETS - 1, Math.floor(position / bucketWidth));
    }

    private int greedy(int state) {
        int best = 0;
        for (int action = 1; action < actions.length; action++) {
            if (values[state][action] > values[state][best]) {
                best = action;
            }
        }
        return best;
    }

    /** The ε-greedy agent that updates the table after each day, from the review's view of the day's costs. */
    private final class Learner implements OrderPolicy {

        private final ItemCalendar calendar;
        private final double epsilon;
        private final RandomGenerator random;
        private int previousState = -1;
        private int previousAction;

        Learner(ItemCalendar calendar, double epsilon, RandomGenerator random) {
            this.calendar = calendar;
            this.epsilon = epsilon;
            this.random = random;
        }

        @Override
        public long order(Review review) {
            int state = stateOf(review.position());
            if (previousState >= 0) {
                SimulatedItem item = calendar.item;
                double cost = review.onHand() * item.holdingCostPerUnitDay()
                        + review.lostToday() * item.shortageCost(calendar.price(review.index()))
                        + (actions[previousAction] > 0 ? item.orderingCost() : 0);
                double best = values[state][greedy(state)];
                int visited = ++visits[previousState][previousAction];
                double rate = Math.max(MIN_LEARNING_RATE, 1 / Math.sqrt(visited));
                values[previousState][previousAction] += rate * (-cost + DISCOUNT * best
                        - values[previousState][previousAction]);
            }
            int action = random.nextDouble() < epsilon ? random.nextInt(actions.length) : greedy(state);
            previousState = state;
            previousAction = action;
            return actions[action];
        }

        @Override
        public String parameters() {
            return "ε = " + epsilon;
        }
    }
}
