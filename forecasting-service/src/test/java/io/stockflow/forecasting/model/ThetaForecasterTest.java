package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Against {@code theta()} in {@code src/test/reference/ets_reference.py} (numpy, independent SES fit). */
class ThetaForecasterTest {

    private final ThetaForecaster theta = new ThetaForecaster();

    @Test
    void isSesWithHalfTheLeastSquaresSlopeAsDrift() {
        double[] mean = theta.forecast(EtsForecasterTest.TRENDING, 3).mean();
        assertThat(mean[0]).isCloseTo(51.899386869195745, within(0.05));
        assertThat(mean[1]).isCloseTo(52.5821454898854, within(0.05));
        assertThat(mean[2]).isCloseTo(53.26490411057505, within(0.05));
        assertThat(mean[2] - mean[1]).isCloseTo(mean[1] - mean[0], within(1e-9)); // a straight drift
    }

    @Test
    void onALevelSeriesTheDriftIsSmall() {
        double[] mean = theta.forecast(EtsForecasterTest.LEVEL_ONLY, 2).mean();
        assertThat(mean[0]).isCloseTo(22.23262384268113, within(0.05));
        assertThat(mean[1]).isCloseTo(22.261003615642945, within(0.05));
    }

    @Test
    void neverForecastsNegativeDemand() {
        double[] falling = {60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5};
        for (double day : theta.forecast(falling, 40).mean()) {
            assertThat(day).isGreaterThanOrEqualTo(0);
        }
        assertThat(theta.forecast(new double[]{3}, 2).mean()).containsExactly(3, 3);
    }
}
