package io.stockflow.forecasting.model.arima;

import org.junit.jupiter.api.Test;

import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.LH;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.TWO_YEARS;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.WWW_USAGE;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.simulatedDailyDemand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Against {@code src/test/reference/arima_reference.R} (see {@link ArimaReferenceSeries}); the constants below are
 * its output.
 */
class DifferencingTest {

    @Test
    void kpssStatisticMatchesUrca() {
        // ur.kpss(type = "mu", lags = "short"): trunc(4·(n/100)^¼) lags; tseries::kpss.test agrees to 1e-14.
        assertThat(Differencing.kpssStatistic(LH, 3)).isCloseTo(0.293815727283469, within(1e-12));
        assertThat(Differencing.kpssStatistic(WWW_USAGE, 4)).isCloseTo(0.454244769061392, within(1e-12));
        assertThat(Differencing.kpssStatistic(Differencing.difference(WWW_USAGE, 1, 1), 3))
                .isCloseTo(0.217497544375464, within(1e-12));
        assertThat(Differencing.kpssStatistic(simulatedDailyDemand(1, TWO_YEARS), 6))
                .isCloseTo(0.193047026656307, within(1e-12));
        assertThat(Differencing.kpssStatistic(simulatedDailyDemand(2, TWO_YEARS), 6))
                .isCloseTo(8.94985521027271, within(1e-10));
        // ur.kpss(use.lag = trunc(3·√n/13)), forecast::ndiffs' lags: 1 for lh, 2 for WWWusage.
        assertThat(Differencing.kpssStatistic(LH, 1)).isCloseTo(0.367889110815209, within(1e-12));
        assertThat(Differencing.kpssStatistic(WWW_USAGE, 2)).isCloseTo(0.721974318081584, within(1e-12));
    }

    @Test
    void differencingFollowsNdiffs() {
        // ndiffs: lh 0, WWWusage 1, seed 1 0, seed 2 1. With 4 lags WWWusage would stay at 0.454 < 0.463.
        assertThat(Differencing.nonSeasonalDifferences(LH)).isZero();
        assertThat(Differencing.nonSeasonalDifferences(WWW_USAGE)).isEqualTo(1);
        assertThat(Differencing.nonSeasonalDifferences(simulatedDailyDemand(1, TWO_YEARS))).isZero();
        assertThat(Differencing.nonSeasonalDifferences(simulatedDailyDemand(2, TWO_YEARS))).isEqualTo(1);
    }

    @Test
    void aStrongWeekGetsOneSeasonalDifferenceAsNsdiffs() {
        // forecast:::seas.heuristic (mstl) gives 0.843, 0.988, 0.829, 0.988 and nsdiffs 1 for seeds 1 to 4; the
        // classical decomposition here reads the same weeks slightly weaker.
        double[] mstlStrength = {0.843269577470747, 0.988460429030346, 0.828895074472436, 0.987523962284978};
        for (int seed = 1; seed <= 4; seed++) {
            double[] demand = simulatedDailyDemand(seed, TWO_YEARS);
            assertThat(Differencing.seasonalStrength(demand, 7)).isCloseTo(mstlStrength[seed - 1], within(0.05));
            assertThat(Differencing.seasonalDifferences(demand, 7)).isEqualTo(1);
        }
    }
}
