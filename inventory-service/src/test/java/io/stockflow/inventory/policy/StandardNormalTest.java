package io.stockflow.inventory.policy;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StandardNormalTest {

    private static final NormalDistribution REFERENCE = new NormalDistribution(0, 1);

    /** Against commons-math (Φ through the regularised incomplete gamma function) on z = −9 … 9. */
    @Test
    void distributionTailAndLossAgreeWithCommonsMath() {
        for (double z = -9; z <= 9; z += 0.01) {
            double cdf = REFERENCE.cumulativeProbability(z);
            assertThat(StandardNormal.cdf(z)).as("Φ(%s)", z).isCloseTo(cdf, within(1e-14));
            double tail = REFERENCE.cumulativeProbability(-z);
            assertThat(StandardNormal.upperTail(z)).as("1 − Φ(%s)", z).isCloseTo(tail, within(1e-8 * tail));
            double loss = REFERENCE.density(z) - z * (1 - cdf);
            assertThat(StandardNormal.loss(z)).as("G(%s)", z).isCloseTo(loss, within(1e-13 * Math.max(1, Math.abs(z))));
        }
    }

    /** Silver, Pyke &amp; Peterson, Table II.1: G(1.0) = 0.0833, G(2.0) = 0.008491. */
    @Test
    void lossMatchesTheTextbookTable() {
        assertThat(StandardNormal.loss(1.0)).isCloseTo(0.0833, within(1e-4));
        assertThat(StandardNormal.loss(2.0)).isCloseTo(0.008491, within(1e-6));
    }

    @Test
    void inverseAgreesWithCommonsMath() {
        for (double p : new double[] {1e-10, 1e-4, 0.01, 0.3, 0.5, 0.9, 0.975, 0.9999, 1 - 1e-9}) {
            assertThat(StandardNormal.inverse(p)).as("Φ⁻¹(%s)", p)
                    .isCloseTo(REFERENCE.inverseCumulativeProbability(p), within(1e-7));
        }
        assertThat(StandardNormal.inverse(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StandardNormal.inverse(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
