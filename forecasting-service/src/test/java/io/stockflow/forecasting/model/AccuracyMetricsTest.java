package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Values worked by hand from the definitions in FPP3 §5.8 and Hyndman & Koehler (2006); the arithmetic is shown. */
class AccuracyMetricsTest {

    private static final double[] TRAINING = {2, 4, 6, 4, 2}; // naive (m=1) in-sample |Δ| = 2,2,2,2 → scale 2
    private static final double[] ACTUAL = {4, 0, 5, 10};
    private static final double[] FORECAST = {5, 1, 5, 6}; // e = actual − forecast = −1, −1, 0, 4

    @Test
    void matchesTheTextbookDefinitions() {
        AccuracyMetrics m = AccuracyMetrics.of(TRAINING, ACTUAL, FORECAST, 1);
        assertThat(m.days()).isEqualTo(4);
        assertThat(m.mae()).isCloseTo(6.0 / 4, within(1e-12));                       // (1+1+0+4)/4
        assertThat(m.rmse()).isCloseTo(Math.sqrt(18.0 / 4), within(1e-12));          // √((1+1+0+16)/4)
        // zero actual skipped: (1/4 + 0/5 + 4/10) / 3 · 100
        assertThat(m.mape()).isCloseTo(100 * (0.25 + 0 + 0.4) / 3, within(1e-12));
        // 2|e|/(|a|+|f|): 2/9, 2/1, 0, 8/16
        assertThat(m.smape()).isCloseTo(100 * (2.0 / 9 + 2.0 + 0 + 0.5) / 4, within(1e-12));
        assertThat(m.mase()).isCloseTo(1.5 / 2, within(1e-12));
        assertThat(m.wape()).isCloseTo(100 * 6.0 / 19, within(1e-12));              // Σ|e| / Σ|a|
        assertThat(m.bias()).isCloseTo((1 + 1 + 0 - 4) / 4.0, within(1e-12));        // mean(f − a)
    }

    @Test
    void theMaseScaleIsTheSeasonalNaiveInSampleError() {
        double[] twoWeeks = {1, 2, 3, 4, 5, 6, 7, 2, 2, 3, 4, 5, 6, 9}; // |y(t) − y(t−7)| = 1,0,0,0,0,0,2
        assertThat(AccuracyMetrics.seasonalNaiveInSampleMae(twoWeeks, 7)).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(AccuracyMetrics.seasonalNaiveInSampleMae(new double[]{1, 2, 3}, 7)).isNaN();
    }

    @Test
    void undefinedMeasuresAreNaNNotInfinity() {
        AccuracyMetrics m = AccuracyMetrics.of(new double[]{3, 3, 3}, new double[]{0, 0}, new double[]{0, 0}, 1);
        assertThat(m.mape()).isNaN();   // no non-zero actual
        assertThat(m.wape()).isNaN();   // Σ|actual| = 0
        assertThat(m.mase()).isNaN();   // a flat history has no naive error to scale by
        assertThat(m.smape()).isZero(); // both zero every day: a perfect forecast
        assertThat(m.mae()).isZero();
    }
}
