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
    void fewWindowsFallBackToTheNormalWithTheLongRunVariance() {
        // Mean error 1; around it γ0 = 1 and, pooled within the paths, γ1 = 1: long-run variance 1 + 2·½·1 = 2,
        // so 8 days sum to a mean of 8 with a standard deviation of √(8·2) = 4.
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {{0, 0}, {2, 2}});
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.9);
        double[] quantiles = errors.leadTime(new double[8], 8, new double[] {0.1, 0.5, 0.9});
        assertThat(quantiles[0]).isCloseTo(8 - 4 * z, within(1e-9));
        assertThat(quantiles[1]).isCloseTo(8, within(1e-9));
        assertThat(quantiles[2]).isCloseTo(8 + 4 * z, within(1e-9));
    }

    @Test
    void leadTimeMustFitInTheForecast() {
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {NINE});
        assertThatThrownBy(() -> errors.leadTime(new double[3], 4, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
