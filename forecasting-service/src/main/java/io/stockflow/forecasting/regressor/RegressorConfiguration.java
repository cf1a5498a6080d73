package io.stockflow.forecasting.regressor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class RegressorConfiguration {

    @Bean
    RegressorRepository regressorRepository(DatabaseClient db) {
        return new RegressorRepository(db);
    }
}
