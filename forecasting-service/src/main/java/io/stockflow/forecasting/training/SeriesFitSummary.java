package io.stockflow.forecasting.training;

import io.stockflow.forecasting.model.AccuracyMetrics;

import java.time.LocalDate;
import java.util.List;

/**
 * What the registry keeps of one series' fit: the members combined and every candidate's backtest accuracy.
 *
 * @param demandPattern the series' demand class (Syntetos–Boylan–Croston), its segment in accuracy reports
 * @param naiveScale    in-sample MAE of seasonal naive on the whole history: scales live errors into MASE
 */
public record SeriesFitSummary(String storeId, String productId, LocalDate historyFrom, LocalDate historyTo,
                               String demandPattern, double naiveScale, List<MemberWeight> members,
                               List<BacktestScore> backtests, String note) {

    public record MemberWeight(String name, String model, double weight) {
    }

    /**
     * Backtest accuracy of one model on the series (the ensemble included); metrics are null when undefined, and
     * {@code failure} says why a model could not be scored.
     *
     * @param actualSum total actual demand over the backtest days: pooled WAPE across series needs it
     */
    public record BacktestScore(String model, Double mae, Double rmse, Double mape, Double smape, Double mase,
                                Double wape, Double bias, int days, double actualSum, String failure) {

        public static BacktestScore of(String model, AccuracyMetrics metrics) {
            double actualSum = Double.isFinite(metrics.wape()) && metrics.wape() > 0
                    ? metrics.mae() * metrics.days() * 100 / metrics.wape() : 0;
            return new BacktestScore(model, finite(metrics.mae()), finite(metrics.rmse()), finite(metrics.mape()),
                    finite(metrics.smape()), finite(metrics.mase()), finite(metrics.wape()), finite(metrics.bias()),
                    metrics.days(), actualSum, null);
        }

        public static BacktestScore failed(String model, String failure) {
            return new BacktestScore(model, null, null, null, null, null, null, null, 0, 0, failure);
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
