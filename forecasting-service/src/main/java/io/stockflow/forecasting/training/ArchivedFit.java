package io.stockflow.forecasting.training;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.forecasting.model.AccuracyMetrics;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ResidualQuantiles;

import java.time.LocalDate;
import java.util.List;

/**
 * One line of a model artifact: a series' fit with everything needed to answer from it without refitting, and the
 * fingerprint of the history it was fitted to, so that it is only reused for that very history.
 */
public record ArchivedFit(String storeId, String productId, String model, LocalDate historyStart,
                          LocalDate historyEnd, String historyFingerprint, double[] mean,
                          List<EnsembleForecaster.Member> members, double[][] backtestErrors,
                          List<Backtest> backtests, SeriesFitSummary.BacktestScore metrics, int origins,
                          int backtestHorizon, String note) {

    /** A candidate's backtest: its mean MASE over the origins (null when it failed) and pooled accuracy. */
    public record Backtest(String name, Double score, SeriesFitSummary.BacktestScore metrics, String failure) {
    }

    static ArchivedFit of(SeriesKey key, String model, DemandSeries history, LocalDate historyEnd,
                          EnsembleForecaster.Fit fit) {
        List<Backtest> backtests = fit.backtests().stream().map(backtest -> backtest.scored()
                ? new Backtest(backtest.name(), backtest.score(),
                SeriesFitSummary.BacktestScore.of(backtest.name(), backtest.metrics()), null)
                : new Backtest(backtest.name(), null, null, backtest.failure())).toList();
        return new ArchivedFit(key.storeId(), key.productId(), model, history.start(), historyEnd,
                history.fingerprint(), fit.mean(), fit.members(), fit.errors().paths(), backtests,
                fit.metrics() == null ? null : SeriesFitSummary.BacktestScore.of(model, fit.metrics()),
                fit.origins(), fit.backtestHorizon(), fit.note());
    }

    EnsembleForecaster.Fit toFit() {
        List<EnsembleForecaster.MemberBacktest> candidates = backtests.stream()
                .map(backtest -> backtest.failure() != null
                        ? new EnsembleForecaster.MemberBacktest(backtest.name(), null, Double.POSITIVE_INFINITY, null,
                        backtest.failure())
                        : new EnsembleForecaster.MemberBacktest(backtest.name(), metrics(backtest.metrics()),
                        backtest.score(), null, null))
                .toList();
        return new EnsembleForecaster.Fit(mean, members, new ResidualQuantiles(backtestErrors), candidates,
                metrics == null ? null : metrics(metrics), origins, backtestHorizon, note);
    }

    private static AccuracyMetrics metrics(SeriesFitSummary.BacktestScore score) {
        return new AccuracyMetrics(value(score.mae()), value(score.rmse()), value(score.mape()),
                value(score.smape()), value(score.mase()), value(score.wape()), value(score.bias()), score.days());
    }

    private static double value(Double number) {
        return number == null ? Double.NaN : number;
    }
}
