package io.stockflow.testsupport;

import io.stockflow.common.security.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import java.time.Duration;

/**
 * The WebTestClient of a test with {@code @AutoConfigureWebTestClient} (hence every {@link IntegrationTest}) sends
 * an ADMIN token by default, so that tests about what a service does need not repeat who may do it. A request's
 * own Authorization header replaces it; {@link TestTokens#withoutToken} gives a client without it. Not where tokens are not checked by the service itself (the
 * gateway, {@code stockflow.security.verify-tokens=false}): the gateway does not know the test key.
 * Registered in {@code META-INF/spring/...AutoConfigureWebTestClient.imports}.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "stockflow.security.verify-tokens", havingValue = "true", matchIfMissing = true)
public class TestTokensWebTestClientAutoConfiguration {

    @Bean
    WebTestClientBuilderCustomizer adminTokenByDefault() {
        // 30 s rather than 5 s: on two cores shared with a broker, a database and a model fit, a request can queue.
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.longLivedBearer(Role.ADMIN))
                .responseTimeout(Duration.ofSeconds(30));
    }
}
