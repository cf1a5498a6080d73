package io.stockflow.ingestion.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RobustZScoreTest {

    // Reference values computed with Python 3.11's statistics module:
    // median([10,11,12,11,10,50]) = 11, MAD = 1, 0.6745 * (50 - 11) / 1 = 26.3055.
    @Test
    void scoresWithTheMedianAbsoluteDeviation() {
        RobustZScore z = RobustZScore.of(new double[]{10, 11, 12, 11, 10, 50});
        assertThat(z.median()).isEqualTo(11.0);
        assertThat(z.score(50)).isCloseTo(26.3055, within(1e-9));
        assertThat(z.score(10)).isCloseTo(-0.6745, within(1e-9));
        assertThat(Math.abs(z.score(12))).isLessThan(RobustZScore.OUTLIER_CUTOFF);
    }

    // [5,5,5,5,5,9]: MAD = 0, mean absolute deviation = 4/6; (9 - 5) / (1.253314 * 0.6667) = 4.787307889
    @Test
    void fallsBackToTheMeanAbsoluteDeviationWhenMostValuesAreEqual() {
        RobustZScore z = RobustZScore.of(new double[]{5, 5, 5, 5, 5, 9});
        assertThat(z.score(9)).isCloseTo(4.787307889323825, within(1e-9));
    }

    @Test
    void aSampleWithoutSpreadMakesAnyDeviationUnbounded() {
        RobustZScore z = RobustZScore.of(new double[]{2, 2, 2});
        assertThat(z.score(2)).isZero();
        assertThat(z.score(3)).isInfinite().isPositive();
    }
}
