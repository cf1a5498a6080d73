package io.stockflow.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every feature of the service shares. */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    @Bean
    OperationTimer operationTimer(MeterRegistry registry) {
        return new OperationTimer(registry);
    }
}
