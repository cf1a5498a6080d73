package io.stockflow.inventory.simulation;

import java.util.List;

/**
 * How many units of an item customers ask for a day: independent days, each Poisson when
 * {@code varianceToMeanRatio} is 1, otherwise negative binomial (a gamma–Poisson mixture) with that variance-to-mean
 * ratio — overdispersed or, with a small mean and a large ratio, intermittent (mostly zero days, occasional
 * bursts).
 *
 * @param meanPerDay          mean units a day, averaged over the week
 * @param varianceToMeanRatio variance over mean of a day's demand, at least 1
 * @param weekdayProfile      7 non-negative factors for the days of the week (day 1 of the simulation is the
 *                            first), rescaled to average 1; null for a flat week
 */
public record DemandModel(double meanPerDay, double varianceToMeanRatio, List<Double> weekdayProfile) {

    public DemandModel {
        weekdayProfile = weekdayProfile == null ? null : List.copyOf(weekdayProfile);
    }

    public static DemandModel poisson(double meanPerDay) {
        return new DemandModel(meanPerDay, 1, null);
    }

    public static DemandModel negativeBinomial(double meanPerDay, double varianceToMeanRatio) {
        return new DemandModel(meanPerDay, varianceToMeanRatio, null);
    }

    /** The factor of the day of the week of simulation day {@code day} (day 1 takes the first), averaging 1. */
    double weekdayFactor(int day) {
        if (weekdayProfile == null) {
            return 1;
        }
        double sum = 0;
        for (double factor : weekdayProfile) {
            sum += factor;
        }
        return weekdayProfile.get(Math.floorMod(day - 1, 7)) * 7 / sum;
    }

    void validate(String field) {
        Validation.requireRange(meanPerDay, 1e-6, 1e6, field + ".meanPerDay");
        Validation.requireRange(varianceToMeanRatio, 1, 100, field + ".varianceToMeanRatio");
        if (weekdayProfile != null) {
            if (weekdayProfile.size() != 7) {
                throw new IllegalArgumentException(field + ".weekdayProfile must hold 7 factors, got "
                        + weekdayProfile.size());
            }
            double sum = 0;
            for (int i = 0; i < 7; i++) {
                Double factor = weekdayProfile.get(i);
                if (factor == null) {
                    throw new IllegalArgumentException(field + ".weekdayProfile[" + i + "] is missing");
                }
                Validation.requireRange(factor, 0, 1e3, field + ".weekdayProfile[" + i + "]");
                sum += factor;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException(field + ".weekdayProfile must have a positive day");
            }
        }
    }
}
