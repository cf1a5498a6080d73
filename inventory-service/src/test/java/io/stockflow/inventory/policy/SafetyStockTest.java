package io.stockflow.inventory.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SafetyStockTest {

    /** Silver, Pyke &amp; Peterson, Table II.1 (the standard normal loss function G(k)). */
    @Test
    void normalLossMatchesTheTextbookTable() {
        assertThat(SafetyStock.normalLoss(0)).isCloseTo(0.3989, within(1e-4));
        assertThat(SafetyStock.normalLoss(0.5)).isCloseTo(0.1978, within(1e-4));
        assertThat(SafetyStock.normalLoss(1.0)).isCloseTo(0.0833, within(1e-4));
        assertThat(SafetyStock.normalLoss(1.5)).isCloseTo(0.02931, within(1e-5));
        assertThat(SafetyStock.normalLoss(2.0)).isCloseTo(0.008491, within(1e-6));
        assertThat(SafetyStock.safetyFactorForLoss(0.0833)).isCloseTo(1.0, within(1e-3));
    }

    /**
     * Chopra &amp; Meindl, <i>Supply Chain Management</i>, safety inventory with lead-time uncertainty: D = 2,500 a
     * week (σ 500), L = 7 weeks (σ 7 weeks): σ of lead-time demand 17,550; at a 90% cycle service level the safety
     * inventory is 1.2816 × 17,550 = 22,491.
     */
    @Test
    void cycleServiceLevelWithDemandAndLeadTimeUncertainty() {
        LeadTimeDemand leadTime = LeadTimeDemand.normal(2_500, 500, 7, 7);
        assertThat(leadTime.mean()).isEqualTo(17_500);
        assertThat(leadTime.standardDeviation()).isCloseTo(17_550, within(1.0));
        assertThat(SafetyStock.forCycleServiceLevel(leadTime, 0.9)).isCloseTo(22_491, within(2.0));
        assertThat(SafetyStock.forCycleServiceLevel(leadTime, 0.4)).isZero();
    }

    /**
     * Fill rate: Q = 200, σ_L = 50, β = 98% → G(k) = 200 × 0.02 / 50 = 0.08, k = 1.0212 (bisection on
     * G(k) = φ(k) − k(1 − Φ(k)) with Python's math.erf; SPP's table gives k ≈ 1.02 at G = 0.0800), safety stock 51.06;
     * and that stock gives back a fill rate of 98%.
     */
    @Test
    void fillRateThroughTheLossFunction() {
        LeadTimeDemand leadTime = LeadTimeDemand.normal(10, 5, 10, 2);
        assertThat(leadTime.standardDeviation()).isCloseTo(Math.sqrt(10 * 25 + 100 * 4), within(1e-9));
        LeadTimeDemand fifty = LeadTimeDemand.normal(10, 50 / Math.sqrt(10), 10, 0);
        double safety = SafetyStock.forFillRate(fifty, 0.98, 200);
        assertThat(safety).isCloseTo(51.06, within(0.01));
        assertThat(SafetyStock.fillRate(safety, 50, 200)).isCloseTo(0.98, within(1e-9));
    }

    @Test
    void forecastQuantilesReplaceTheNormalWhereGiven() {
        // A skewed lead-time total (slow mover): median 3, P90 9, P99 20.
        LeadTimeDemand skewed = LeadTimeDemand.fromQuantiles(4, new double[] {0.1, 0.5, 0.9, 0.95, 0.99},
                new double[] {0, 3, 9, 12, 20});
        assertThat(skewed.fromForecastQuantiles()).isTrue();
        assertThat(skewed.quantile(0.9)).isEqualTo(9);
        // Between P50 (z = 0) and P90 (z = 1.2816), read on the normal-score scale: 3 + 6 × 0.5244 / 1.2816.
        assertThat(skewed.quantile(0.7)).isCloseTo(5.455, within(1e-3));
        assertThat(SafetyStock.forCycleServiceLevel(skewed, 0.95)).isCloseTo(8, within(1e-9));
        assertThat(skewed.quantile(0.995)).isGreaterThan(20);
    }

    /**
     * A normal N(100, 20) handed over as forecast quantiles gives back the normal's loss: at r = 120, σ·G(1) =
     * 20 × 0.0833 = 1.666 (SPP Table II.1), and a stockout chance of 1 − Φ(1) = 0.1587.
     */
    @Test
    void expectedShortageFromQuantilesMatchesTheNormalTheyCameFrom() {
        double[] levels = {0.1, 0.5, 0.9, 0.95, 0.99};
        double[] quantiles = new double[levels.length];
        LeadTimeDemand normal = LeadTimeDemand.normal(10, 20 / Math.sqrt(10), 10, 0);
        for (int i = 0; i < levels.length; i++) {
            quantiles[i] = normal.quantile(levels[i]);
        }
        LeadTimeDemand forecast = LeadTimeDemand.fromQuantiles(100, levels, quantiles);
        assertThat(normal.expectedShortage(120)).isCloseTo(1.666, within(1e-3));
        assertThat(forecast.expectedShortage(120)).isCloseTo(1.666, within(1e-3));
        assertThat(forecast.stockoutProbability(120)).isCloseTo(0.1587, within(1e-4));
        assertThat(forecast.quantile(0.8)).isCloseTo(normal.quantile(0.8), within(1e-9));
    }

    /**
     * A skewed forecast: P10 = 0, P50 = 2, P90 = 10 (σ beyond = 10 / 2.5631 = 3.9015). Worked at r = 6 with
     * Python's statistics.NormalDist: on (0, 1.2816] X = 2 + 6.2424·z exceeds 6 from z* = 0.6408, contributing
     * 6.2424·[φ(z*) − φ(1.2816) − z*·(Φ(1.2816) − Φ(z*))] = 0.2893; beyond, the tail X = 5 + 3.9015·z adds
     * 3.9015 × (φ(1.2816) − 0.2563 × 0.1) = 0.5847 — 0.8740 in all. Ordering 8.740 at a time, a 90% fill rate
     * therefore needs r = 6.
     */
    @Test
    void expectedShortageFollowsTheForecastShapeAndSetsTheFillRateStock() {
        LeadTimeDemand forecast = LeadTimeDemand.fromQuantiles(3, new double[] {0.1, 0.5, 0.9},
                new double[] {0, 2, 10});
        assertThat(forecast.expectedShortage(6)).isCloseTo(0.8740, within(1e-4));
        assertThat(forecast.mean() + SafetyStock.forFillRate(forecast, 0.9, 8.740)).isCloseTo(6, within(0.01));
        assertThat(forecast.stockoutProbability(forecast.quantile(0.7))).isCloseTo(0.3, within(1e-9));
        assertThat(forecast.stockoutProbability(0)).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void serviceLevelsOutsideTheOpenUnitIntervalAreRefused() {
        LeadTimeDemand leadTime = LeadTimeDemand.normal(10, 2, 5, 0);
        assertThatThrownBy(() -> SafetyStock.forCycleServiceLevel(leadTime, 1.0))
                .hasMessageContaining("cycle service level must lie strictly between 0 and 1");
        assertThatThrownBy(() -> SafetyStock.forFillRate(leadTime, 0, 50))
                .hasMessageContaining("fill rate must lie strictly between 0 and 1");
        assertThatThrownBy(() -> LeadTimeDemand.normal(10, 2, -1, 0)).hasMessageContaining("lead time");
    }
}
