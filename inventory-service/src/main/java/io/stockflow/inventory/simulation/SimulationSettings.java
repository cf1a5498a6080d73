package io.stockflow.inventory.simulation;

/**
 * How to run a simulation and the policies' own parameters.
 *
 * @param days                   simulated days N, reported (1 to 730)
 * @param seed                   the seed of every random draw: the same request and seed give the same result
 * @param replications           independent demand and lead-time histories, pooled in the results (1 to 200)
 * @param warmUpDays             days run before day 1 and not reported, without the scenario, so that every
 *                               policy reaches its own steady state from the common initial stock (0 to 730; 0
 *                               starts from the items' stock as it is)
 * @param targetFillRate         the optimised policy's fill-rate target for the item set, pooled by units, in
 *                               [0.5, 0.9999]
 * @param itemFillRateFloor      the optimised policy plans no item below this fill rate, in [0, targetFillRate]
 * @param minMaxMinDays          min/max: reorder when the stock position is at most this many days of mean demand
 * @param minMaxMaxDays          min/max: order up to this many days of mean demand
 * @param naiveCoverDays         naive rule: days of forecast demand ordered beyond the lead time
 * @param qLearningEpisodes      training episodes of the Q-learning policy per item (0 to 2,000)
 */
public record SimulationSettings(int days, long seed, int replications, int warmUpDays, double targetFillRate,
                                 double itemFillRateFloor, double minMaxMinDays, double minMaxMaxDays, double naiveCoverDays,
                                 int qLearningEpisodes) {

    public static final int MAX_DAYS = 730;

    /**
     * The defaults: 1 replication, 90 warm-up days, 98% fill rate with no item planned below 90%, min/max 7/21 days,
     * 7 days of cover for the naive rule, 300 Q-learning episodes.
     */
    public static SimulationSettings defaults(int days, long seed) {
        return new SimulationSettings(days, seed, 1, 90, 0.98, 0.9, 7, 21, 7, 300);
    }

    public SimulationSettings withReplications(int count) {
        return new SimulationSettings(days, seed, count, warmUpDays, targetFillRate, itemFillRateFloor, minMaxMinDays, minMaxMaxDays,
                naiveCoverDays, qLearningEpisodes);
    }

    public SimulationSettings withWarmUpDays(int count) {
        return new SimulationSettings(days, seed, replications, count, targetFillRate, itemFillRateFloor, minMaxMinDays, minMaxMaxDays,
                naiveCoverDays, qLearningEpisodes);
    }

    public SimulationSettings withTargetFillRate(double target) {
        return new SimulationSettings(days, seed, replications, warmUpDays, target, Math.min(itemFillRateFloor, target),
                minMaxMinDays, minMaxMaxDays, naiveCoverDays, qLearningEpisodes);
    }

    void validate() {
        Validation.requireRange(days, 1, MAX_DAYS, "settings.days");
        Validation.requireRange(replications, 1, 200, "settings.replications");
        Validation.requireRange(warmUpDays, 0, MAX_DAYS, "settings.warmUpDays");
        Validation.requireRange(targetFillRate, 0.5, 0.9999, "settings.targetFillRate");
        Validation.requireRange(itemFillRateFloor, 0, targetFillRate, "settings.itemFillRateFloor");
        Validation.requireRange(minMaxMinDays, 0, 365, "settings.minMaxMinDays");
        Validation.requireRange(minMaxMaxDays, Math.max(minMaxMinDays, 1e-3), 730, "settings.minMaxMaxDays");
        Validation.requireRange(naiveCoverDays, 0, 365, "settings.naiveCoverDays");
        Validation.requireRange(qLearningEpisodes, 0, 2_000, "settings.qLearningEpisodes");
    }
}
