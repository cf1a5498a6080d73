package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftDetectorTest {

    @Test
    void trackingSignalMatchesTheTextbookTable() {
        // Heizer & Render, Operations Management, Example "computing the tracking signal": forecasts of 100 against
        // actuals 90, 95, 115, 100, 125, 140 — cumulative error 65, MAD 15.83, tracking signal 4.1.
        double[] actual = {90, 95, 115, 100, 125, 140, 100};
        double[] forecast = {100, 100, 100, 100, 100, 100, 100};
        // The book stops at six periods; a seventh exact forecast keeps the sum and lowers MAD to 95/7.
        DriftDetector.Assessment assessment = DriftDetector.standard().assess(actual, forecast);
        assertThat(assessment.sumOfErrors()).isEqualTo(65);
        assertThat(assessment.meanAbsoluteError()).isCloseTo(95.0 / 7, within(1e-12));
        assertThat(assessment.trackingSignal()).isCloseTo(65 / (95.0 / 7), within(1e-12));
        assertThat(assessment.drifting()).isTrue();
        assertThat(assessment.direction()).isEqualTo(DriftDetector.Direction.UNDER_FORECAST);

        // The book's six periods exactly: tracking signal 4.1. Six days are too few to declare drift on.
        DriftDetector.Assessment sixDays = DriftDetector.standard().assess(Arrays.copyOf(actual, 6),
                Arrays.copyOf(forecast, 6));
        assertThat(sixDays.meanAbsoluteError()).isCloseTo(15.83, within(0.01));
        assertThat(sixDays.trackingSignal()).isCloseTo(4.1, within(0.01));
        assertThat(sixDays.drifting()).isFalse();
    }

    @Test
    void unbiasedNoiseDoesNotDriftAndAPersistentShiftDoes() {
        Random random = new Random(7);
        double[] forecast = new double[28];
        double[] unbiased = new double[28];
        double[] shifted = new double[28];
        Arrays.fill(forecast, 20);
        for (int day = 0; day < 28; day++) {
            double noise = random.nextGaussian() * 3;
            unbiased[day] = 20 + noise;
            shifted[day] = 20 + noise - (day >= 10 ? 4 : 0);
        }
        assertThat(DriftDetector.standard().assess(unbiased, forecast).drifting()).isFalse();
        DriftDetector.Assessment drift = DriftDetector.standard().assess(shifted, forecast);
        assertThat(drift.drifting()).isTrue();
        assertThat(drift.direction()).isEqualTo(DriftDetector.Direction.OVER_FORECAST);
        assertThat(drift.cusumLow()).isGreaterThan(5);
    }

    @Test
    void perfectForecastsAndShortWindowsAreNotJudged() {
        double[] same = {5, 5, 5, 5, 5, 5, 5, 5};
        assertThat(DriftDetector.standard().assess(same, same).drifting()).isFalse();
        DriftDetector.Assessment twoDays = DriftDetector.standard().assess(new double[] {9, 9}, new double[] {1, 1});
        assertThat(twoDays.trackingSignal()).isEqualTo(2);
        assertThat(twoDays.drifting()).isFalse();
    }
}
