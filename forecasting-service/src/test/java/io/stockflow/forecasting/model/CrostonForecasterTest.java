package io.stockflow.forecasting.model;

import io.stockflow.forecasting.model.CrostonForecaster.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference values come from forecasting-service/src/test/reference/intermittent_reference.py
 * (Python 3, stdlib only), written from the papers, not from this code. Its essence:
 * <pre>
 *   days, sizes, intervals = decompose(y)        # intervals = [days[0]] + gaps; "naive" init
 *   z, x = sizes[0], intervals[0]                # Croston (1972): at each later demand
 *   z += a * (s - z); x += a * (q - x)           #   level = z / x
 *   SBA level = (1 - a / 2) * z / x              # Syntetos &amp; Boylan (2005)
 *   TSB: z, p = sizes[0], 1 / intervals[0]       # Teunter, Syntetos &amp; Babai (2011): every later day
 *        p += b * (1[y > 0] - p); z += a * (y - z) if y > 0;  level = p * z
 *   mse = mean((y[t] - level before t)^2) over the days after the first demand
 *   fit = first minimum over a in [0.05 .. 0.30] (TSB: x b in the same grid)
 * </pre>
 * Printed by {@code python3 intermittent_reference.py}; the values below are pasted from its output.
 */
class CrostonForecasterTest {

    private static final double[] SERIES =
            {0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 4, 0, 0, 0, 0, 6, 0, 1, 0, 0, 3, 0, 0};
    private static final double[] FITTING_SERIES =
            {0, 5, 6, 5, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 1, 0, 1, 0, 1, 3, 4, 0, 5, 0, 2, 0, 0, 0};
    private static final double TOLERANCE = 1e-12;

    @Test
    void crostonMatchesTheReferenceRecursion() {
        assertLevelAndError(CrostonForecaster.croston(0.1), SERIES, 1.0401081215447443, 3.3423693383205126);
        assertLevelAndError(CrostonForecaster.croston(0.3), SERIES, 1.0294936211607206, 3.3442064948772656);
    }

    @Test
    void sbaMatchesTheReferenceRecursion() {
        assertLevelAndError(CrostonForecaster.sba(0.1), SERIES, 0.9881027154675072, 3.3405332735248714);
        assertLevelAndError(CrostonForecaster.sba(0.3), SERIES, 0.8750695779866124, 3.343273124642358);
    }

    @Test
    void tsbMatchesTheReferenceRecursion() {
        assertLevelAndError(CrostonForecaster.tsb(0.1, 0.2), SERIES, 0.8412174882528953, 3.9507439615046267);
    }

    @Test
    void fittingPicksTheReferenceGridMinimum() {
        // The runner-up errors (4.5364, 4.2513, 3.6612) are far enough from these minima for ties to be no issue.
        assertFitted(Variant.CROSTON, 0.10, 0.10, 1.77299601024754);
        assertFitted(Variant.SBA, 0.15, 0.15, 1.5329175048448265);
        assertFitted(Variant.TSB, 0.25, 0.25, 0.7947023374930974);
        assertThat(CrostonForecaster.fitted(Variant.SBA, FITTING_SERIES).inSampleMeanSquaredError(FITTING_SERIES))
                .isCloseTo(4.245934236778377, within(TOLERANCE));
    }

    @Test
    void sbaIsBelowCrostonByTheFactorOneMinusHalfAlpha() {
        for (double alpha : CrostonForecaster.SMOOTHING_GRID) {
            double croston = level(CrostonForecaster.croston(alpha), SERIES);
            double sba = level(CrostonForecaster.sba(alpha), SERIES);
            assertThat(sba).isLessThan(croston).isCloseTo((1 - alpha / 2) * croston, within(TOLERANCE));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aHistoryWithoutDemandForecastsZeroAndFitsTheSmallestConstants(Variant variant) {
        double[] zeros = new double[30];
        CrostonForecaster fitted = CrostonForecaster.fitted(variant, zeros);

        assertThat(fitted.forecast(zeros, 7).mean()).hasSize(7).containsOnly(0.0);
        assertThat(fitted.alpha()).isEqualTo(0.05);
        assertThat(fitted.beta()).isEqualTo(0.05);
    }

    @Test
    void initialisationIsTheFirstDemandOverItsDay() {
        double[] firstDemandOnDayFour = {0, 0, 0, 8};
        assertThat(level(CrostonForecaster.croston(0.2), firstDemandOnDayFour)).isEqualTo(2.0);
        assertThat(level(CrostonForecaster.sba(0.2), firstDemandOnDayFour)).isCloseTo(1.8, within(TOLERANCE));
        assertThat(level(CrostonForecaster.tsb(0.2, 0.5), firstDemandOnDayFour)).isEqualTo(2.0);
    }

    @Test
    void tsbDecaysWhenDemandStopsWhileCrostonHoldsItsLevel() {
        double[] stopped = {4, 4, 4, 4, 0, 0, 0, 0, 0, 0};
        assertThat(level(CrostonForecaster.croston(0.2), stopped)).isEqualTo(4.0);
        // p = 1 at the last demand, then six days of p *= (1 - 0.5).
        assertThat(level(CrostonForecaster.tsb(0.2, 0.5), stopped)).isCloseTo(4.0 / 64, within(TOLERANCE));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theForecastIsFlatFiniteAndNonNegativeOverTheHorizon(Variant variant) {
        CrostonForecaster forecaster = CrostonForecaster.fitted(variant, FITTING_SERIES);
        for (int horizon : new int[] {1, 14, 365}) {
            Forecast forecast = forecaster.forecast(FITTING_SERIES, horizon);
            double[] mean = forecast.mean();
            assertThat(forecast.model()).isEqualTo(variant.name().toLowerCase(Locale.ROOT));
            assertThat(mean).hasSize(horizon).containsOnly(mean[0]);
            assertThat(mean[0]).isPositive().isFinite();
        }
    }

    @Test
    void invalidInputsAreRefused() {
        CrostonForecaster sba = CrostonForecaster.sba(0.1);
        assertThatIllegalArgumentException().isThrownBy(() -> sba.forecast(SERIES, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> sba.forecast(new double[0], 7));
        assertThatIllegalArgumentException().isThrownBy(() -> sba.forecast(new double[] {1, -1}, 7));
        assertThatIllegalArgumentException().isThrownBy(() -> sba.forecast(new double[] {1, Double.NaN}, 7));
        assertThatIllegalArgumentException().isThrownBy(() -> CrostonForecaster.croston(0));
        assertThatIllegalArgumentException().isThrownBy(() -> CrostonForecaster.tsb(0.1, 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> new Forecast("sba", new double[] {1, Double.NaN}));
        assertThatIllegalArgumentException().isThrownBy(() -> new Forecast("sba", new double[] {-0.5}));
    }

    @Test
    void aForecastIsAnImmutableValue() {
        double[] values = {1, 2};
        Forecast forecast = new Forecast("sba", values);
        values[0] = 9;
        forecast.mean()[1] = 9;

        assertThat(forecast).isEqualTo(new Forecast("sba", new double[] {1, 2}));
        assertThat(forecast).hasSameHashCodeAs(new Forecast("sba", new double[] {1, 2}));
    }

    private static void assertLevelAndError(CrostonForecaster forecaster, double[] history, double level, double mse) {
        assertThat(level(forecaster, history)).isCloseTo(level, within(TOLERANCE));
        assertThat(forecaster.inSampleMeanSquaredError(history)).isCloseTo(mse, within(TOLERANCE));
    }

    private static void assertFitted(Variant variant, double alpha, double beta, double level) {
        CrostonForecaster fitted = CrostonForecaster.fitted(variant, FITTING_SERIES);
        assertThat(fitted.variant()).isEqualTo(variant);
        assertThat(fitted.alpha()).isEqualTo(alpha);
        assertThat(fitted.beta()).isEqualTo(beta);
        assertThat(level(fitted, FITTING_SERIES)).isCloseTo(level, within(TOLERANCE));
    }

    private static double level(CrostonForecaster forecaster, double[] history) {
        return forecaster.forecast(history, 1).mean()[0];
    }
}
