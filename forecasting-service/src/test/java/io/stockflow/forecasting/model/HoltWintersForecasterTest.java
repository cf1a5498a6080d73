package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Against {@code src/test/reference/holt_winters_reference.py} (numpy, independent); values are its output. */
class HoltWintersForecasterTest {

    /** Eight weeks: level 50, trend 0.3/day, weekly pattern −6 −2 0 1 3 9 −5, deterministic noise. */
    static final double[] WEEKLY = {40.0, 47.5, 53.0, 48.7, 54.2, 63.7, 44.4, 46.9, 54.4, 51.1, 55.6, 52.3, 61.8,
            51.3, 45.0, 52.5, 58.0, 53.7, 59.2, 68.7, 49.4, 51.9, 50.6, 56.1, 60.6, 57.3, 66.8, 56.3, 50.0, 57.5, 63.0,
            58.7, 64.2, 64.9, 54.4, 56.9, 55.6, 61.1, 65.6, 62.3, 71.8, 61.3, 55.0, 62.5, 59.2, 63.7, 69.2, 69.9,
            59.4, 61.9, 60.6, 66.1, 70.6, 67.3, 76.8, 57.5};

    private final HoltWintersForecaster hw = new HoltWintersForecaster(7);

    @Test
    void leastSquaresInitialStatesMatchTheReferenceForFixedSmoothing() {
        assertThat(hw.fitWithSmoothing(WEEKLY, true, 0.3, 0.05, 0.1).sse()).isCloseTo(555.6073346899103,
                within(1e-6));
    }

    @Test
    void maximumLikelihoodReachesTheReferenceOptimum() {
        HoltWintersForecaster.Fit level = hw.fit(WEEKLY, false);
        assertThat(level.sse()).isLessThanOrEqualTo(521.0798052700216 * (1 + 1e-4));
        assertThat(level.alpha()).isCloseTo(0.2764, within(0.01));
        assertThat(level.aicc()).isCloseTo(308.7208895256283, within(0.01));

        HoltWintersForecaster.Fit trend = hw.fit(WEEKLY, true);
        assertThat(trend.sse()).isLessThanOrEqualTo(355.7947594110029 * (1 + 1e-4));
        assertThat(trend.aicc()).isCloseTo(293.7210615724466, within(0.01));
        assertThat(trend.gamma()).isLessThan(1 - trend.alpha());
        assertThat(trend.beta()).isLessThan(trend.alpha());
    }

    @Test
    void forecastsTheWeekWithItsPatternAndTrend() {
        double[] reference = {60.516326770155615, 64.71632656546947, 68.01632659223968, 69.21632678432735,
                70.3163266567889, 77.6163265623205, 63.81632660011087};
        double[] mean = hw.forecast(WEEKLY, 7).mean();
        for (int day = 0; day < 7; day++) {
            assertThat(mean[day]).as("day " + (day + 1)).isCloseTo(reference[day], within(0.05));
        }
    }

    @Test
    void needsTwoSeasonsOfHistory() {
        assertThatThrownBy(() -> hw.fit(new double[13], false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two seasons");
    }
}
