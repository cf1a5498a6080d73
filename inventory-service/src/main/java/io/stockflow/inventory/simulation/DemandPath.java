package io.stockflow.inventory.simulation;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * One history of an item's days, drawn once and replayed to every policy (common random numbers, so that
 * policies differ by their decisions, not by their luck): each day's demand and the lead time an order placed that
 * day would draw.
 */
final class DemandPath {

    final int[] demand;
    final int[] drawnLeadTime;

    DemandPath(int[] demand, int[] drawnLeadTime) {
        this.demand = demand;
        this.drawnLeadTime = drawnLeadTime;
    }

    static DemandPath draw(ItemCalendar calendar, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
        int length = calendar.length();
        int[] demand = new int[length];
        int[] leadTime = new int[length];
        double ratio = calendar.item.demand().varianceToMeanRatio();
        for (int index = 0; index < length; index++) {
            demand[index] = drawDemand(random, calendar.trueMean(index), ratio);
            leadTime[index] = calendar.leadTime.draw(random.getRandomGenerator().nextDouble());
        }
        return new DemandPath(demand, leadTime);
    }

    /** Poisson(mean), or for a ratio above 1 Poisson(λ) with λ ~ Gamma(mean/(ratio − 1), ratio − 1). */
    static int drawDemand(RandomDataGenerator random, double mean, double varianceToMeanRatio) {
        if (mean <= 0) {
            return 0;
        }
        double rate = mean;
        if (varianceToMeanRatio > 1) {
            rate = random.nextGamma(mean / (varianceToMeanRatio - 1), varianceToMeanRatio - 1);
            if (rate <= 0) {
                return 0;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE / 4, random.nextPoisson(rate));
    }
}
