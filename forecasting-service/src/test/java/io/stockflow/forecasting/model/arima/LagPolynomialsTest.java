package io.stockflow.forecasting.model.arima;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagPolynomialsTest {

    @Test
    void rootsWithinTheMarginAreRejected() {
        assertThat(LagPolynomials.allRootsOutside(new double[]{1, -0.95}, 1.01)).isTrue(); // root 1.053
        assertThat(LagPolynomials.allRootsOutside(new double[]{1, -0.995}, 1.01)).isFalse(); // root 1.005
        // AR(2) with complex roots of modulus 1/√0.97 ≈ 1.0153, and 1/√0.99 ≈ 1.005
        assertThat(LagPolynomials.allRootsOutside(new double[]{1, -1.0, 0.97}, 1.01)).isTrue();
        assertThat(LagPolynomials.allRootsOutside(new double[]{1, -1.0, 0.99}, 1.01)).isFalse();
    }
}
