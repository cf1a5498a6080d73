package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Against {@code src/test/reference/ets_reference.py}: an independent numpy implementation that finds the
 * maximum-likelihood fit by exact least squares over the initial states and a grid plus refinement over the
 * smoothing parameters (no code or optimiser shared with the Java side). Values below are its output.
 */
class EtsForecasterTest {

    static final double[] TRENDING = {12, 15, 14, 18, 17, 21, 19, 24, 23, 25, 28, 27, 30, 29, 33, 35, 34, 37, 36,
            40, 41, 39, 44, 43, 46, 48, 47, 50, 52, 51};
    static final double[] LEVEL_ONLY = {20, 22, 19, 21, 25, 23, 20, 22, 24, 21, 19, 23, 22, 20, 24, 23, 21, 22};

    private final EtsForecaster ets = new EtsForecaster();

    @Test
    void theStateEquationsMatchTheReferenceForFixedParameters() {
        EtsForecaster.Fit holt = EtsForecaster.evaluate(TRENDING, EtsForecaster.Kind.HOLT, 0.3, 0.1, 1, 11, 1.5);
        assertThat(holt.sse()).isCloseTo(67.69853170788174, within(1e-9));
        assertThat(holt.level()).isCloseTo(52.18919235665852, within(1e-9));
        assertThat(holt.trend()).isCloseTo(1.3094130998100333, within(1e-9));
        EtsForecaster.Fit damped = EtsForecaster.evaluate(TRENDING, EtsForecaster.Kind.DAMPED, 0.3, 0.1, 0.9, 11, 1.5);
        assertThat(damped.sse()).isCloseTo(100.09188202056436, within(1e-9));
        assertThat(damped.level()).isCloseTo(51.40969989886787, within(1e-9));
        assertThat(damped.trend()).isCloseTo(1.0698547325551044, within(1e-9));
        EtsForecaster.Fit simple = EtsForecaster.evaluate(LEVEL_ONLY, EtsForecaster.Kind.SIMPLE, 0.2, 0, 1, 21, 0);
        assertThat(simple.sse()).isCloseTo(61.48291569644564, within(1e-9));
        assertThat(simple.level()).isCloseTo(21.91113353097275, within(1e-9));
    }

    @Test
    void maximumLikelihoodFitsReachTheReferenceOptimum() {
        EtsForecaster.Fit simple = ets.fit(TRENDING, EtsForecaster.Kind.SIMPLE);
        assertThat(simple.sse()).isLessThanOrEqualTo(193.45887452098896 * (1 + 1e-4));
        assertThat(simple.alpha()).isCloseTo(0.8492, within(0.005));

        EtsForecaster.Fit holt = ets.fit(TRENDING, EtsForecaster.Kind.HOLT);
        assertThat(holt.sse()).isLessThanOrEqualTo(46.43223433809078 * (1 + 1e-4));
        assertThat(holt.level0()).isCloseTo(11.4345, within(0.05));
        assertThat(holt.trend0()).isCloseTo(1.3655, within(0.01));

        EtsForecaster.Fit damped = ets.fit(TRENDING, EtsForecaster.Kind.DAMPED);
        assertThat(damped.sse()).isLessThanOrEqualTo(54.66594085658472 * (1 + 1e-3));
        assertThat(damped.phi()).isBetween(0.8, 0.98);
    }

    @Test
    void aiccChoosesTheTrendOnlyWhereThereIsOne() {
        EtsForecaster.Fit trending = ets.select(TRENDING);
        assertThat(trending.kind()).isEqualTo(EtsForecaster.Kind.HOLT);
        assertThat(trending.aicc()).isCloseTo(110.74020825036476, within(0.01));
        assertThat(ets.forecast(TRENDING, 3).mean()[0]).isCloseTo(11.4345 + 31 * 1.3655, within(0.2)); // ℓ30 + b30, α ≈ 0

        EtsForecaster.Fit flat = ets.select(LEVEL_ONLY);
        assertThat(flat.kind()).isEqualTo(EtsForecaster.Kind.SIMPLE);
        assertThat(flat.aicc()).isCloseTo(77.75844848989627, within(0.01));
        for (double day : ets.forecast(LEVEL_ONLY, 7).mean()) {
            assertThat(day).isCloseTo(21.72, within(0.05));
        }
    }

    @Test
    void aShortHistoryGetsSimpleSmoothingAndDemandNeverGoesNegative() {
        assertThat(ets.select(new double[]{5, 7, 6, 8}).kind()).isEqualTo(EtsForecaster.Kind.SIMPLE);
        double[] falling = {60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5};
        double[] ahead = ets.forecast(falling, 30).mean();
        assertThat(ahead[29]).isZero(); // the fitted trend would go below zero; demand stops there
        for (double day : ahead) {
            assertThat(day).isGreaterThanOrEqualTo(0);
        }
        assertThat(ets.forecast(new double[]{4}, 2).mean()).containsExactly(4, 4);
    }
}
