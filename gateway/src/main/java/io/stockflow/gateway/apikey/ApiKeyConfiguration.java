package io.stockflow.gateway.apikey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

    @Bean
    ApiKeyService apiKeyService(DatabaseClient db, Clock clock,
                                @Value("${stockflow.gateway.api-keys.cache-for:10s}") Duration cacheFor) {
        return new ApiKeyService(new ApiKeyRepository(db), clock, cacheFor);
    }
}
