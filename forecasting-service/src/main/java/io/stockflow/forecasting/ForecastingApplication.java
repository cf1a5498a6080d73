package io.stockflow.forecasting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Demand forecasting per SKU and store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ForecastingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForecastingApplication.class, args);
    }
}
