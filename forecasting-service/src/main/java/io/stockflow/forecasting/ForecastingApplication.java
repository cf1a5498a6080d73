package io.stockflow.forecasting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Demand forecasting per SKU and store. */
@SpringBootApplication
public class ForecastingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForecastingApplication.class, args);
    }
}
