package io.stockflow.forecasting.accuracy;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/ml/analytics/accuracy}: accuracy per model from the backtests of a model version, and from live
 * actuals of the forecasts issued, each overall, per segment (demand class, ABC or XYZ class, or k-means cluster of
 * the run, as {@code segment_by} asks) and per series.
 */
public record AccuracyReport(Long modelVersion, LocalDate liveThrough, String segmentBy, Section backtest,
                             Section live) {

    public record Section(List<AccuracyRow> byModel, List<AccuracyRow> bySegment, List<AccuracyRow> bySeries) {
    }
}
