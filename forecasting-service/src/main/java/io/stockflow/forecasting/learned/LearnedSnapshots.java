package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a learned model for the ensemble: one snapshot through the day before the ensemble's first backtest origin
 * (its backtests then score it on unseen days only) and one through the end of the history (it forecasts). The LSTM's
 * second snapshot continues from the first; the booster, cheap to train, starts anew.
 */
public final class LearnedSnapshots {

    private final GradientBoostedTrainer boosting;
    private final LstmTrainer lstm;

    public LearnedSnapshots(GradientBoostedTrainer boosting, LstmTrainer lstm) {
        this.boosting = boosting;
        this.lstm = lstm;
    }

    /** The last day the backtest snapshot may learn from, for series whose histories end on or after {@code end}. */
    public static LocalDate backtestThrough(LocalDate earliestEnd, EnsembleForecaster.Settings ensemble) {
        return earliestEnd.minusDays((long) ensemble.origins() * ensemble.backtestHorizon());
    }

    /**
     * @param name     a name from {@link ForecastModels#LEARNED}
     * @param progress told what training is doing
     * @return the backtest snapshot, then the forecast snapshot
     */
    public List<GlobalModel> train(String name, List<DemandSeries> panel, LocalDate backtestThrough,
                                   LocalDate forecastThrough, Consumer<String> progress) {
        List<GlobalModel> snapshots = new ArrayList<>();
        try {
            progress.accept(name + ": training the backtest snapshot (data through " + backtestThrough + ")");
            GlobalModel backtest = ForecastModels.LSTM.equals(name)
                    ? lstm.train(panel, backtestThrough, progress)
                    : boosting.train(panel, backtestThrough, progress);
            snapshots.add(backtest);
            progress.accept(name + ": training the forecast snapshot (data through " + forecastThrough + ")");
            snapshots.add(ForecastModels.LSTM.equals(name)
                    ? lstm.fineTune((LstmModel) backtest, panel, forecastThrough, progress)
                    : boosting.train(panel, forecastThrough, progress));
            return snapshots;
        } catch (RuntimeException failure) {
            snapshots.forEach(GlobalModel::close);
            throw failure;
        }
    }
}
