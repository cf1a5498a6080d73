package io.stockflow.forecasting.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backtest accuracy of each model summed over the series of a run: mean MASE, sMAPE and bias over the series where
 * they are defined, and WAPE pooled over all backtest days (a per-series mean would let tiny series dominate).
 */
final class BacktestTotals {

    private static final class Sums {
        int series;
        int failed;
        double mase;
        int maseSeries;
        double smape;
        int smapeSeries;
        double bias;
        double absoluteErrors;
        double actual;
    }

    private final Map<String, Sums> byModel = new TreeMap<>();

    synchronized void add(SeriesFitSummary.BacktestScore score) {
        Sums sums = byModel.computeIfAbsent(score.model(), model -> new Sums());
        if (score.failure() != null) {
            sums.failed++;
            return;
        }
        sums.series++;
        if (score.mase() != null) {
            sums.mase += score.mase();
            sums.maseSeries++;
        }
        if (score.smape() != null) {
            sums.smape += score.smape();
            sums.smapeSeries++;
        }
        sums.bias += score.bias() == null ? 0 : score.bias();
        sums.absoluteErrors += score.mae() == null ? 0 : score.mae() * score.days();
        sums.actual += score.actualSum();
    }

    synchronized Map<String, Object> summary() {
        Map<String, Object> models = new LinkedHashMap<>();
        byModel.forEach((model, sums) -> {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("series", sums.series);
            metrics.put("failed", sums.failed);
            metrics.put("mase", sums.maseSeries == 0 ? null : sums.mase / sums.maseSeries);
            metrics.put("smape", sums.smapeSeries == 0 ? null : sums.smape / sums.smapeSeries);
            metrics.put("wape", sums.actual == 0 ? null : 100 * sums.absoluteErrors / sums.actual);
            metrics.put("bias", sums.series == 0 ? null : sums.bias / sums.series);
            models.put(model, metrics);
        });
        return Map.of("backtest", models);
    }
}
