package io.stockflow.forecasting.model;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ResidualQuantilesTest {

    private static final double[] NINE = {5, 1, 9, 3, 7, 2, 8, 4, 6};

    @Test
    void conformalRanksFollowTheFiniteSampleRule() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // (N+1)τ with N = 9: 9 for τ = 0.9, 5 for the median, 1 for τ = 0.1; beyond N the largest error stands.
        assertThat(ResidualQuantiles.conformal(sorted, 0.9)).isEqualTo(9);
        assertThat(ResidualQuantiles.conformal(sorted, 0.5)).isEqualTo(5);
        assertThat(ResidualQuantiles.conformal(sorted, 0.1)).isEqualTo(1);
        assertThat(ResidualQuantiles.conformal(sorted, 0.75)).isEqualTo(8); // ⌈7.5⌉
        assertThat(ResidualQuantiles.conformal(sorted, 0.25)).isEqualTo(2); // ⌊2.5⌋
        assertThat(ResidualQuantiles.conformal(sorted, 0.99)).isEqualTo(9);
        assertThatThrownBy(() -> ResidualQuantiles.conformal(sorted, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dailyQuantilesShiftThePointForecastAndStopAtZero() {
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {NINE});
        double[][] quantiles = errors.daily(new double[] {0, 10}, new double[] {0.1, 0.5, 0.9});
        assertThat(quantiles[0]).containsExactly(1, 11);
        assertThat(quantiles[1]).containsExactly(5, 15);
        assertThat(quantiles[2]).containsExactly(9, 19);
        ResidualQuantiles negative = new ResidualQuantiles(new double[][] {{-3, -2, -1}});
        assertThat(negative.daily(new double[] {1}, new double[] {0.1})[0]).containsExactly(0);
    }

    @Test
    void leadTimeQuantilesSumConsecutiveErrorsWithinEachPath() {
        // Errors 0, 1, …, 40: the 40 sums of two consecutive days are 1, 3, …, 79.
        double[] errors = new double[41];
        for (int t = 0; t < errors.length; t++) {
            errors[t] = t;
        }
        double[] quantiles = new ResidualQuantiles(new double[][] {errors})
                .leadTime(new double[] {3, 3, 3}, 2, new double[] {0.5, 0.9});
        assertThat(quantiles[0]).isEqualTo(6 + 41); // rank ⌈41·0.5⌉ = 21 → 2·21 − 1
        assertThat(quantiles[1]).isEqualTo(6 + 73); // rank ⌈36.9⌉ = 37 → 2·37 − 1
    }

    @Test
    void fewWindowsFallBackToANormalWithNoiseAndLevelError() {
        // Paths {0, 2, 0, 2} and {4, 6, 4, 6}: mean error 3; within each path the errors vary by σ² = 4/3
        // (sample variance); the path means 1 and 5 differ by a variance of 8, of which (4/3)/4 = 1/3 is noise, so
        // σ²(level) = 8 − 1/3 = 23/3. Over 8 days: mean 24, variance 8·4/3 + 64·23/3.
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {{0, 2, 0, 2}, {4, 6, 4, 6}});
        double sd = Math.sqrt(8 * 4.0 / 3 + 64 * 23.0 / 3);
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.9);
        double[] quantiles = errors.leadTime(new double[8], 8, new double[] {0.1, 0.5, 0.9});
        assertThat(quantiles[0]).isCloseTo(Math.max(0, 24 - z * sd), within(1e-9));
        assertThat(quantiles[1]).isCloseTo(24, within(1e-9));
        assertThat(quantiles[2]).isCloseTo(24 + z * sd, within(1e-9));
    }

    @Test
    void oneShortPathUsesTheLongRunVariance() {
        // One path {0, 2}: mean 1, γ0 = 1, γ1 = −1; with Bartlett weights over lag ≤ 1 the long-run variance is
        // 1 + 2·½·(−1) = 0, so the 4-day total is its mean, 4.
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {{0, 2}});
        assertThat(errors.leadTime(new double[4], 4, new double[] {0.1, 0.9})).containsExactly(4, 4);
    }

    @Test
    void leadTimeMustFitInTheForecast() {
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {NINE});
        assertThatThrownBy(() -> errors.leadTime(new double[3], 4, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
