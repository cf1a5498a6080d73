package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EnsembleForecasterTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 6);

    /** Forecasts one fixed level whatever the history: its backtest error is known in advance. */
    private record FixedLevel(String name, double level) implements Forecaster {
        @Override
        public Forecast forecast(double[] history, int horizon) {
            return Forecast.flat(name, level, horizon);
        }
    }

    private record Failing() implements Forecaster {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Forecast forecast(double[] history, int horizon) {
            throw new ArithmeticException("singular");
        }
    }

    private static double[] constant(double value, int days) {
        double[] values = new double[days];
        Arrays.fill(values, value);
        return values;
    }

    @Test
    void membersAreWeightedByInverseBacktestError() {
        // On a constant 10, the members miss by 2, 4 and 8 every day: the best two get 1/2 : 1/4 = 2/3 : 1/3.
        EnsembleForecaster ensemble = new EnsembleForecaster(List.of(new FixedLevel("low", 8),
                new FixedLevel("high", 14), new FixedLevel("far", 18)), new EnsembleForecaster.Settings(14, 3, 2, 7));
        EnsembleForecaster.Fit fit = ensemble.fit(DemandSeries.of(START, constant(10, 100)), 5);

        assertThat(fit.members()).extracting(EnsembleForecaster.Member::name).containsExactly("low", "high");
        assertThat(fit.members().get(0).weight()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fit.mean()).containsOnly(new double[] {10}, within(1e-12));
        assertThat(fit.backtests()).extracting(EnsembleForecaster.MemberBacktest::score).containsExactly(2.0, 4.0, 8.0);
        assertThat(fit.origins()).isEqualTo(3);
        assertThat(fit.backtestHorizon()).isEqualTo(14);
        assertThat(fit.metrics().mae()).isCloseTo(0, within(1e-12));
        assertThat(fit.note()).isNull();
    }

    @Test
    void aPerfectMemberTakesAllTheWeight() {
        assertThat(EnsembleForecaster.inverseScoreWeights(new double[] {0, 0.5, 1})).containsExactly(1, 0, 0);
        assertThat(EnsembleForecaster.inverseScoreWeights(new double[] {1, 2, 4}))
                .containsExactly(4.0 / 7, 2.0 / 7, 1.0 / 7);
    }

    @Test
    void seasonalNaiveWinsOnAnExactlyRepeatingWeek() {
        double[] week = {5, 7, 6, 8, 12, 20, 15};
        double[] demand = new double[140];
        for (int day = 0; day < demand.length; day++) {
            demand[day] = week[day % 7];
        }
        EnsembleForecaster.Fit fit = ForecastModels.defaultEnsemble().fit(DemandSeries.of(START, demand), 14);
        assertThat(fit.members()).first().satisfies(member -> {
            assertThat(member.name()).isEqualTo(SeasonalNaiveForecaster.NAME);
            assertThat(member.weight()).isEqualTo(1);
        });
        for (int day = 0; day < 14; day++) {
            assertThat(fit.mean()[day]).isCloseTo(week[(140 + day) % 7], within(1e-9));
        }
    }

    @Test
    void aFailingMemberIsReportedAndLeftOut() {
        EnsembleForecaster ensemble = new EnsembleForecaster(List.of(new Failing(), new FixedLevel("flat", 9)),
                EnsembleForecaster.Settings.defaults());
        EnsembleForecaster.Fit fit = ensemble.fit(DemandSeries.of(START, constant(10, 120)), 3);
        assertThat(fit.members()).extracting(EnsembleForecaster.Member::name).containsExactly("flat");
        assertThat(fit.backtest("failing")).hasValueSatisfying(backtest -> {
            assertThat(backtest.scored()).isFalse();
            assertThat(backtest.failure()).contains("singular");
        });
    }

    @Test
    void aShortHistoryGetsItsRecentMeanAndSaysSo() {
        EnsembleForecaster.Fit fit = ForecastModels.defaultEnsemble()
                .fit(DemandSeries.of(START, new double[] {4, 0, 2, 6, 3}), 10);
        assertThat(fit.mean()).containsOnly(3);
        assertThat(fit.members()).extracting(EnsembleForecaster.Member::name)
                .containsExactly(EnsembleForecaster.SHORT_HISTORY_MODEL);
        assertThat(fit.note()).contains("5 days").contains("mean of the last 5 days");
        assertThat(fit.origins()).isZero();
        double[][] quantiles = fit.quantiles(new double[] {0.1, 0.9});
        assertThat(quantiles[0]).containsOnly(0); // 3 + (0 − 3)
        assertThat(quantiles[1]).containsOnly(6); // 3 + (6 − 3)
    }

    @Test
    void aModerateHistoryBacktestsOnFewerOrigins() {
        EnsembleForecaster.Fit fit = ForecastModels.defaultEnsemble().fit(DemandSeries.of(START, noisy(50, 1)), 7);
        assertThat(fit.origins()).isEqualTo(1);
        assertThat(fit.backtestHorizon()).isEqualTo(22);
        assertThat(fit.note()).isNull();
    }

    @Test
    void ninetiethPercentilesCoverAboutNineDaysInTenOnHeldOutDays() {
        // Poisson-like noise around a weekly pattern: count how often held-out days fall under the P90 forecast.
        int covered = 0;
        int days = 0;
        EnsembleForecaster ensemble = ForecastModels.defaultEnsemble();
        for (int seed = 0; seed < 40; seed++) {
            double[] demand = noisy(200, seed);
            double[] training = Arrays.copyOf(demand, 172);
            EnsembleForecaster.Fit fit = ensemble.fit(DemandSeries.of(START, training), 28);
            double[] p90 = fit.quantiles(new double[] {0.9})[0];
            for (int day = 0; day < 28; day++) {
                covered += demand[172 + day] <= p90[day] ? 1 : 0;
                days++;
            }
            assertThat(Arrays.stream(fit.mean()).allMatch(value -> Double.isFinite(value) && value >= 0)).isTrue();
        }
        assertThat((double) covered / days).isBetween(0.85, 0.96);
    }

    private static double[] noisy(int days, long seed) {
        Random random = new Random(seed);
        double[] weekly = {1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 0.5};
        double[] demand = new double[days];
        for (int day = 0; day < days; day++) {
            double mean = 12 * weekly[day % 7];
            demand[day] = Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
        }
        return demand;
    }
}
