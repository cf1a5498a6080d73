package io.stockflow.forecasting.learned;

import java.time.LocalDate;
import java.util.List;

/**
 * What a global model was trained on and needs to forecast again.
 *
 * @param trainedThrough the last day of demand seen in training: the model forecasts only from later origins, so
 *                       that backtests never score a model on days it learned from
 * @param horizon        days forecast directly; longer horizons repeat the weekly profile of the last four weeks
 * @param lookbackDays   days of history each forecast reads
 * @param regressors     the named inputs the model was trained with (0 where a series has none)
 */
public record GlobalModelSpec(LocalDate trainedThrough, int horizon, int lookbackDays, List<String> regressors) {

    public GlobalModelSpec {
        regressors = List.copyOf(regressors);
    }
}
