package io.stockflow.forecasting.forecast;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.forecasting.ForecastingProperties;

import java.time.Clock;
import io.stockflow.forecasting.demand.DemandCalendar;
import io.stockflow.forecasting.demand.DemandRepository;
import io.stockflow.forecasting.learned.LearnedModels;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.regressor.RegressorRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


@Configuration(proxyBeanMethods = false)
class ForecastConfiguration {

    /** Fits kept in memory; each holds a year of daily forecasts per member (a few tens of kB). */
    private static final long CACHED_FITS = 20_000;

    @Bean
    SeriesForecaster seriesForecaster(ForecastingProperties properties, MeterRegistry registry,
                                      ObjectProvider<FitArchive> archive, LearnedModels learned) {
        return new SeriesForecaster(properties.maxHorizonDays(), EnsembleForecaster.Settings.defaults(), CACHED_FITS,
                registry, archive.getIfAvailable(() -> FitArchive.NONE), learned);
    }

    @Bean
    SeriesLoader seriesLoader(DemandRepository demand, RegressorRepository regressors,
                              ForecastingProperties properties) {
        return new SeriesLoader(demand, regressors, properties.maxHorizonDays());
    }

    @Bean
    ForecastService forecastService(DemandRepository demand, DemandCalendar calendar, SeriesLoader series,
                                    SeriesForecaster forecaster, Clock clock, ForecastingProperties properties) {
        return new ForecastService(demand, calendar, series, forecaster, clock, properties.maxSeriesPerRequest(),
                properties.maxHorizonDays(), properties.quantileLevels());
    }
}
