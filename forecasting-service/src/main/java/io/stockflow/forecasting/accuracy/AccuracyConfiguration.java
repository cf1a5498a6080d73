package io.stockflow.forecasting.accuracy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class AccuracyConfiguration {

    @Bean
    AccuracyRepository accuracyRepository(DatabaseClient db) {
        return new AccuracyRepository(db);
    }

    @Bean
    ForecastLedger forecastLedger(DatabaseClient db) {
        return new ForecastLedger(db);
    }
}
