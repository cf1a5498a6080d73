package io.stockflow.forecasting.demand;

import io.stockflow.common.series.SeriesKey;

import java.time.LocalDate;

/**
 * Daily history of one series from its first sale: {@code sold[t]} and {@code returned[t]} are day
 * {@code start + t}. {@code sold} is the demand the models forecast.
 */
public record SeriesHistory(SeriesKey key, LocalDate start, double[] sold, double[] returned) {

    public LocalDate end() {
        return start.plusDays(sold.length - 1L);
    }
}
