package io.stockflow.forecasting.forecast;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Forecasts per series and model, each day with its point forecast and quantiles. */
public record ForecastResponse(Instant generatedAt, int forecastHorizonDays, List<String> quantiles,
                               List<SeriesForecast> forecasts) {

    /**
     * @param model       the model asked for
     * @param historyEnd  the last day of demand the forecast was made from (the first forecast day follows it)
     * @param note        why a simpler model was used, or null
     * @param members     the models combined and their weights (one member, weight 1, for a single model)
     * @param backtest    out-of-sample accuracy of the forecast's method on this series, or null without backtests
     */
    public record SeriesForecast(String storeId, String productId, String model, LocalDate historyStart,
                                 LocalDate historyEnd, int historyDays, String note, List<Member> members,
                                 Backtest backtest, List<ForecastDay> daily, List<LeadTimeTotal> leadTimeTotals) {
    }

    /** @param model what the member reports of itself, e.g. the Croston variant it chose */
    public record Member(String name, String model, double weight, Double backtestMase) {
    }

    public record Backtest(int origins, int horizonDays, Double mae, Double rmse, Double mase, Double smape,
                           Double wape, Double bias) {
    }

}
