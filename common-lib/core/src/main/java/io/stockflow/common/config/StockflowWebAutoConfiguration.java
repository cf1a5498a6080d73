package io.stockflow.common.config;

import io.micrometer.context.ContextRegistry;
import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.web.ProblemHandler;
import io.stockflow.common.web.ProblemWebExceptionHandler;
import io.stockflow.common.web.RequestIdWebFilter;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
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

    @Bean
    JsonMapperBuilderCustomizer stockflowJsonDialect() {
        return StockflowJson::configure;
    }
}
