package io.stockflow.forecasting.model;

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
        // Window sums of 2 days: path 1 gives 0, 1, 2; path 2 gives 10, 6 → sorted 0, 1, 2, 6, 10.
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {{1, -1, 2, 0}, {4, 6, 0}});
        double[] quantiles = errors.leadTime(new double[] {3, 3, 3}, 2, new double[] {0.5, 0.9});
        assertThat(quantiles[0]).isEqualTo(6 + 2);  // rank ⌈6·0.5⌉ = 3
        assertThat(quantiles[1]).isEqualTo(6 + 10); // rank ⌈5.4⌉ = 6 → capped at 5
    }

    @Test
    void leadTimesBeyondThePathsScaleMeanLinearlyAndSpreadByTheSquareRoot() {
        // One 2-day path: a single window sum of 4; a lead time of 8 days: 4·4 = 16 plus no spread.
        ResidualQuantiles constant = new ResidualQuantiles(new double[][] {{1, 3}});
        assertThat(constant.leadTime(new double[8], 8, new double[] {0.5})[0]).isCloseTo(16, within(1e-12));
        // Sums 0 and 4 around a mean of 2: for 8 days (×4), the mean becomes 8, the deviations ±2·√4 = ±4.
        ResidualQuantiles spread = new ResidualQuantiles(new double[][] {{0, 0}, {2, 2}});
        double[] quantiles = spread.leadTime(new double[8], 8, new double[] {0.1, 0.9});
        assertThat(quantiles[0]).isCloseTo(4, within(1e-12));
        assertThat(quantiles[1]).isCloseTo(12, within(1e-12));
    }

    @Test
    void leadTimeMustFitInTheForecast() {
        ResidualQuantiles errors = new ResidualQuantiles(new double[][] {NINE});
        assertThatThrownBy(() -> errors.leadTime(new double[3], 4, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
