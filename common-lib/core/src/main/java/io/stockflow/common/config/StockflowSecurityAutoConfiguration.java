package io.stockflow.common.config;

import io.stockflow.common.security.AccessPolicy;
import io.stockflow.common.security.RemoteJwks;
import io.stockflow.common.security.ServiceAccessFilter;
import io.stockflow.common.security.ServiceSecurityProperties;
import io.stockflow.common.security.TokenAuthenticator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;

/**
 * Every Stockflow service checks tokens and roles itself ({@link ServiceAccessFilter}); only the gateway turns it
 * off ({@code stockflow.security.verify-tokens=false}) because it enforces the same policy with its own filter,
 * API keys included.
 */
@AutoConfiguration(after = StockflowWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "stockflow.security.verify-tokens", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class StockflowSecurityAutoConfiguration {

    @Bean
    RemoteJwks gatewayPublicKeys(ServiceSecurityProperties properties, ObjectProvider<WebClient.Builder> builders) {
        // Token expiry is about real time: the system clock, not a service's (possibly fixed, in tests) Clock bean.
        return new RemoteJwks(builders.getIfAvailable(WebClient::builder).build(), properties.jwksUri(),
                Clock.systemUTC(), properties.timing());
    }

    @Bean
    TokenAuthenticator tokenAuthenticator(RemoteJwks gatewayPublicKeys) {
        return new TokenAuthenticator(gatewayPublicKeys, Clock.systemUTC());
    }

    @Bean
    ServiceAccessFilter serviceAccessFilter(TokenAuthenticator tokenAuthenticator) {
        return new ServiceAccessFilter(AccessPolicy.stockflow(), tokenAuthenticator);
    }
}
