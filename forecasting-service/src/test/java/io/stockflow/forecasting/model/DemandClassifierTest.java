package io.stockflow.forecasting.model;

import io.stockflow.forecasting.model.CrostonForecaster.Variant;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * ADI and CV² reference from forecasting-service/src/test/reference/intermittent_reference.py, which
 * follows Syntetos, Boylan &amp; Croston (2005) as R tsintermittent's idclass computes it:
 * {@code adi = mean([days[0]] + gaps); cv2 = (statistics.stdev(sizes) / mean(sizes)) ** 2}.
 * The boundary cases are built so that ADI and CV² land exactly on 1.32 and 0.49.
 */
class DemandClassifierTest {

    @Test
    void matchesTheReferenceAdiAndCv2() {
        double[] series = {0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 4, 0, 0, 0, 0, 6, 0, 1, 0, 0, 3, 0, 0};
        DemandClassification classification = DemandClassifier.classify(series);

        assertThat(classification.adi()).isCloseTo(3.142857142857143, within(1e-12));
        assertThat(classification.cv2()).isCloseTo(0.2511574074074075, within(1e-12));
        assertThat(classification.demandDays()).isEqualTo(7);
        assertThat(classification.pattern()).isEqualTo(DemandPattern.INTERMITTENT);
        assertThat(classification.recommendedMethod()).isEqualTo(Variant.SBA);
    }

    @Test
    void cv2OnTheCutOffIsStillLowAndAboveItIsErratic() {
        // Sizes 3, 10, 17: mean 10, sample variance 98 / 2 = 49, CV² = 49 / 100 = 0.49 exactly.
        DemandClassification onCutOff = DemandClassifier.classify(new double[] {3, 10, 17});
        assertThat(onCutOff.adi()).isEqualTo(1.0);
        assertThat(onCutOff.cv2()).isEqualTo(DemandClassifier.CV2_CUT_OFF);
        assertThat(onCutOff.pattern()).isEqualTo(DemandPattern.SMOOTH);
        assertThat(onCutOff.recommendedMethod()).isEqualTo(Variant.CROSTON);

        // Sizes 2, 10, 18: CV² = 64 / 100.
        assertThat(DemandClassifier.classify(new double[] {2, 10, 18}).pattern()).isEqualTo(DemandPattern.ERRATIC);
    }

    @Test
    void adiOnTheCutOffIsStillLowAndAboveItIsIntermittent() {
        // 25 equal demands on days 9..33: the intervals sum to 33, ADI = 33 / 25 = 1.32 exactly.
        DemandClassification onCutOff = DemandClassifier.classify(leadingZerosThenDemands(8, 25));
        assertThat(onCutOff.adi()).isEqualTo(DemandClassifier.ADI_CUT_OFF);
        assertThat(onCutOff.cv2()).isZero();
        assertThat(onCutOff.pattern()).isEqualTo(DemandPattern.SMOOTH);

        // One more leading zero: ADI = 34 / 25 = 1.36.
        assertThat(DemandClassifier.classify(leadingZerosThenDemands(9, 25)).pattern())
                .isEqualTo(DemandPattern.INTERMITTENT);
    }

    @Test
    void infrequentAndVariableDemandIsLumpy() {
        DemandClassification lumpy = DemandClassifier.classify(new double[] {0, 2, 0, 10, 0, 18});
        assertThat(lumpy.adi()).isEqualTo(2.0);
        assertThat(lumpy.cv2()).isCloseTo(0.64, within(1e-12));
        assertThat(lumpy.pattern()).isEqualTo(DemandPattern.LUMPY);
        assertThat(lumpy.recommendedMethod()).isEqualTo(Variant.SBA);
    }

    @Test
    void trailingDaysWithoutDemandDoNotChangeTheAdi() {
        assertThat(DemandClassifier.classify(new double[] {0, 4, 0, 4, 0, 0, 0, 0}).adi()).isEqualTo(2.0);
    }

    @Test
    void aSingleDemandHasNoSizeVariability() {
        DemandClassification single = DemandClassifier.classify(new double[] {0, 0, 7, 0});
        assertThat(single.adi()).isEqualTo(3.0);
        assertThat(single.cv2()).isZero();
        assertThat(single.demandDays()).isEqualTo(1);
        assertThat(single.pattern()).isEqualTo(DemandPattern.INTERMITTENT);
    }

    @Test
    void aHistoryWithoutDemandIsIntermittentWithAnInfiniteAdiAndItsMethodForecastsZero() {
        double[] zeros = new double[14];
        DemandClassification none = DemandClassifier.classify(zeros);

        assertThat(none.adi()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(none.cv2()).isZero();
        assertThat(none.demandDays()).isZero();
        assertThat(none.pattern()).isEqualTo(DemandPattern.INTERMITTENT);
        assertThat(CrostonForecaster.fitted(none.recommendedMethod(), zeros).forecast(zeros, 3).mean())
                .containsExactly(0, 0, 0);
    }

    @Test
    void invalidHistoriesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemandClassifier.classify(new double[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> DemandClassifier.classify(new double[] {-1}));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DemandClassifier.classify(new double[] {Double.POSITIVE_INFINITY}));
    }

    private static double[] leadingZerosThenDemands(int zeros, int demands) {
        double[] history = new double[zeros + demands];
        Arrays.fill(history, zeros, history.length, 5);
        return history;
    }
}
