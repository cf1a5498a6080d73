package io.stockflow.forecasting.accuracy;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/ml/analytics/accuracy}: accuracy per model from the backtests of a model version, and from live
 * actuals of the forecasts issued, each overall, per segment (demand class) and per series.
 */
public record AccuracyReport(Long modelVersion, LocalDate liveThrough, Section backtest, Section live) {

    public record Section(List<AccuracyRow> byModel, List<AccuracyRow> bySegment, List<AccuracyRow> bySeries) {
    }
}
