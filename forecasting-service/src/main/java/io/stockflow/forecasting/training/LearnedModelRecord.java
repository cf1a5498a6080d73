package io.stockflow.forecasting.training;

import io.stockflow.forecasting.learned.GlobalModelSpec;

import java.util.Map;

/**
 * A learned model snapshot in the registry.
 *
 * @param role     {@code backtest}: trained through the day before the ensemble's first backtest origin, used to
 *                 score the model; {@code forecast}: trained through the end of the history, used to forecast
 * @param training what training measured (windows or rows, epochs or boosting rounds, losses, seconds)
 */
public record LearnedModelRecord(String name, String role, GlobalModelSpec spec, Map<String, Object> training,
                                 ModelVersion.Artifact artifact) {

    public static final String BACKTEST = "backtest";
    public static final String FORECAST = "forecast";
}
