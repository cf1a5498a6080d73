package io.stockflow.forecasting;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of the forecasting service ({@code stockflow.forecasting.*}).
 *
 * @param zone                    days of demand are counted in this time zone
 * @param processedEventRetention how long consumed event ids are remembered (longer than any redelivery)
 * @param maxSeriesPerRequest     series (stores × products) one forecast request may ask for
 * @param maxHorizonDays          the longest horizon a caller may ask for
 * @param quantiles               quantile levels of every forecast
 * @param artifactsDir            where trained model artifacts are written
 */
@ConfigurationProperties("stockflow.forecasting")
public record ForecastingProperties(ZoneId zone, Duration processedEventRetention, int maxSeriesPerRequest,
                                    int maxHorizonDays, List<Double> quantiles, Path artifactsDir) {

    public double[] quantileLevels() {
        return quantiles.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
