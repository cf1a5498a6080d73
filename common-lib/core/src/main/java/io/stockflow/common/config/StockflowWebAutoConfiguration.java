package io.stockflow.common.config;

import io.micrometer.context.ContextRegistry;
import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.web.ProblemHandler;
import io.stockflow.common.web.ProblemWebExceptionHandler;
import io.stockflow.common.web.RequestIdWebFilter;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import java.time.Clock;
import java.util.List;
import org.springframework.http.codec.ServerCodecConfigurer;
import reactor.core.publisher.Hooks;

/** What every Stockflow WebFlux service gets by depending on common-lib. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class StockflowWebAutoConfiguration {

    static {
        // Copies the request id from the Reactor context into the MDC on whatever thread runs the request.
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIdWebFilter.CONTEXT_KEY,
                () -> MDC.get(RequestIdWebFilter.CONTEXT_KEY),
                value -> MDC.put(RequestIdWebFilter.CONTEXT_KEY, value),
                () -> MDC.remove(RequestIdWebFilter.CONTEXT_KEY));
        Hooks.enableAutomaticContextPropagation();
    }

    /** The service's notion of now; tests replace it with a clock of their own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ServerCodecConfigurer codecs) {
        return new ProblemWebExceptionHandler(codecs);
    }

    /**
     * Each service's OpenAPI document names no host of its own ("/"), so that Swagger UI at the gateway sends its
     * "try it out" calls through the gateway, with the token or API key entered there.
     */
    @Bean
    OpenAPI stockflowOpenApi(@Value("${spring.application.name}") String application) {
        return new OpenAPI()
                .info(new Info().title("Stockflow " + application).version("v1"))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    JsonMapperBuilderCustomizer stockflowJsonDialect() {
        return StockflowJson::configure;
    }
}
