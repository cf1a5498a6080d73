package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GlobalModelForecasterTest {

    /** A model that forecasts its own snapshot date's day of month, and counts the series it was asked for. */
    private static final class DatedModel implements GlobalModel {
        final GlobalModelSpec spec;
        final List<Integer> batches = new ArrayList<>();

        DatedModel(LocalDate trainedThrough) {
            this.spec = new GlobalModelSpec(trainedThrough, 28, 28, List.of());
        }

        @Override
        public String name() {
            return "gbm";
        }

        @Override
        public GlobalModelSpec spec() {
            return spec;
        }

        @Override
        public double[][] forecast(List<DemandSeries> series) {
            batches.add(series.size());
            double[][] forecasts = new double[series.size()][28];
            for (int s = 0; s < series.size(); s++) {
                for (int h = 0; h < 28; h++) {
                    double promotion = series.get(s).regressors().getOrDefault("promotion", new double[1])[0];
                    forecasts[s][h] = spec.trainedThrough().getDayOfMonth() + h % 7 + series.get(s).length() / 1000.0
                            + 100 * promotion + series.get(s).demand()[0];
                }
            }
            return forecasts;
        }

        @Override
        public void save(Path file) {
        }

        @Override
        public Map<String, Object> training() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }

    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private final DatedModel early = new DatedModel(LocalDate.of(2024, 3, 10));
    private final DatedModel late = new DatedModel(LocalDate.of(2024, 5, 20));
    private final GlobalModelForecaster forecaster = new GlobalModelForecaster(List.of(late, early));

    private static DemandSeries days(int count) {
        double[] demand = new double[count];
        Arrays.fill(demand, 3);
        return DemandSeries.of(START, demand);
    }

    @Test
    void eachOriginIsForecastByTheLatestSnapshotTrainedBeforeIt() {
        // History through 2024-03-10: the origin is the 11th, after the early snapshot only.
        int throughMarch10 = 70;
        assertThat(forecaster.forecast(days(throughMarch10), 7).mean()[0]).isEqualTo(13 + throughMarch10 / 1000.0);
        assertThat(forecaster.forecast(days(200), 7).mean()[0]).isEqualTo(23 + 200 / 1000.0);
        // A history ending on the early snapshot's last day minus one would be scored on a day it learned from.
        assertThatThrownBy(() -> forecaster.forecast(days(throughMarch10 - 1), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot forecast from 2024-03-10");
        assertThatThrownBy(() -> forecaster.forecast(new double[] {1, 2}, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dated series");
    }

    /**
     * Prepared forecasts are found by everything the model reads: a first version keyed them by a 64-bit hash of the
     * demand, which small whole numbers (slow movers) collided on, and by neither regressors nor store.
     */
    @Test
    void preparedForecastsBelongToExactlyTheirInputs() {
        double[] a = new double[200];
        double[] b = new double[200];
        a[0] = 1;
        a[1] = 2;
        b[0] = 2;
        b[1] = 1;
        a[199] = b[199] = 1;
        double[] plain = new double[228];
        double[] promoted = new double[228];
        promoted[0] = 1;
        List<DemandSeries> panel = List.of(DemandSeries.of(START, a), DemandSeries.of(START, b),
                new DemandSeries(START, a, Map.of("promotion", plain)),
                new DemandSeries(START, a, Map.of("promotion", promoted)));
        forecaster.prepare(panel);
        double[] firstDays = panel.stream().mapToDouble(series -> forecaster.forecast(series, 1).mean()[0]).toArray();
        assertThat(firstDays).containsExactly(new double[] {21.2, 22.2, 21.2, 121.2}, within(1e-9));
    }

    @Test
    void beyondItsHorizonTheLastFourWeeksProfileRepeats() {
        double[] path = forecaster.forecast(days(200), 60).mean();
        assertThat(path).hasSize(60);
        for (int day = 28; day < 60; day++) {
            assertThat(path[day]).isEqualTo(path[day - 28]);
        }
    }

    @Test
    void preparedForecastsAreReadBackInsteadOfForecastingSeriesBySeries() {
        EnsembleForecaster ensemble = new EnsembleForecaster(List.of(forecaster),
                EnsembleForecaster.Settings.defaults());
        List<DemandSeries> panel = List.of(days(200), days(190), days(180));
        forecaster.prepareForEnsemble(panel, ensemble);
        // Three backtest origins and the end of each history, all after the late snapshot but the first origins.
        int asked = early.batches.stream().mapToInt(Integer::intValue).sum()
                + late.batches.stream().mapToInt(Integer::intValue).sum();
        assertThat(asked).isEqualTo(12);
        int batchesBefore = early.batches.size() + late.batches.size();
        EnsembleForecaster.Fit fit = ensemble.fit(days(200), 28);
        assertThat(early.batches.size() + late.batches.size()).isEqualTo(batchesBefore);
        assertThat(fit.members()).extracting(EnsembleForecaster.Member::name).containsExactly("gbm");

        forecaster.clearPrepared();
        forecaster.forecast(days(200), 28);
        assertThat(early.batches.size() + late.batches.size()).isEqualTo(batchesBefore + 1);
    }
}
