package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A small network on a small panel: enough to show it learns, fast enough for a unit test. */
class LstmModelTest {

    private static final int DAYS = 240;
    private static final int HELD = 28;
    private static final LstmTrainer.Settings SMALL = new LstmTrainer.Settings(28, 28, 16, 24, 40_000, 32, 12, 2, 1,
            1e-2, 42);

    private final List<DemandSeries> panel = LearnedPanels.weeklyWithPromotions(40, DAYS, 28, 11);
    private final List<DemandSeries> training = panel.stream().map(series -> series.truncate(DAYS - HELD)).toList();
    private final LstmTrainer trainer = new LstmTrainer(SMALL);

    @Test
    void learnsFromAllSeriesToBeatAFlatForecastOnHeldOutWeeks() {
        List<String> progress = new ArrayList<>();
        LstmModel model = trainer.train(training, LearnedPanels.lastDay(training.get(0)), progress::add);
        double[][] forecasts = model.forecast(training);
        double networkError = 0;
        double flatError = 0;
        for (int s = 0; s < panel.size(); s++) {
            double[] demand = panel.get(s).demand();
            double recentMean = 0;
            for (int t = DAYS - HELD - 28; t < DAYS - HELD; t++) {
                recentMean += demand[t] / 28;
            }
            for (int h = 0; h < HELD; h++) {
                double actual = demand[DAYS - HELD + h];
                networkError += Math.abs(actual - forecasts[s][h]);
                flatError += Math.abs(actual - recentMean);
            }
        }
        // The flat forecast ignores the weekly profile and the promotions the network reads from its inputs.
        assertThat(networkError).isLessThan(0.85 * flatError);
        assertThat(progress).isNotEmpty().allMatch(line -> line.startsWith("lstm: epoch "));
        assertThat(model.training()).containsKeys("epochs_run", "best_epoch", "validation_loss", "training_windows");
        assertThat((int) model.training().get("training_windows")).isEqualTo(36 * 24);
    }

    @Test
    void fineTuningMovesTheSnapshotForwardAndSavedNetworksForecastTheSame(@TempDir Path directory)
            throws Exception {
        LstmTrainer trainer = new LstmTrainer(SMALL.withEpochs(2));
        LstmModel backtest = trainer.train(training, LearnedPanels.lastDay(training.get(0)).minusDays(28),
                line -> { });
        LstmModel forecast = trainer.fineTune(backtest, training, LearnedPanels.lastDay(training.get(0)),
                line -> { });
        assertThat(forecast.spec().trainedThrough()).isEqualTo(LearnedPanels.lastDay(training.get(0)));
        assertThat(forecast.training().get("epochs_run")).isEqualTo(1);

        Path file = directory.resolve("lstm.zip");
        forecast.save(file);
        LstmModel loaded = LstmModel.load(file, forecast.spec(), forecast.training());
        double[][] expected = forecast.forecast(training.subList(0, 4));
        double[][] actual = loaded.forecast(training.subList(0, 4));
        for (int s = 0; s < 4; s++) {
            assertThat(actual[s]).containsExactly(expected[s], within(1e-6));
        }
        // The same seed and data train the same network.
        LstmModel again = trainer.train(training, LearnedPanels.lastDay(training.get(0)).minusDays(28), line -> { });
        assertThat(again.forecast(training.subList(0, 2))[1])
                .containsExactly(backtest.forecast(training.subList(0, 2))[1], within(1e-6));
    }
}
