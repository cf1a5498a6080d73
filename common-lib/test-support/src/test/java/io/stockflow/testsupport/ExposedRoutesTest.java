package io.stockflow.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

class ExposedRoutesTest {

    @Test
    void functionalRoutesAreListedWithTheirNestedPrefixesAndDummyVariables() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .nest(path("/api/inventory"), builder -> builder
                        .GET("/items/{sku}", request -> ServerResponse.ok().build())
                        .POST("/receipts", request -> ServerResponse.ok().build()))
                .route(path("/api/alerts/**"), request -> ServerResponse.ok().build())
                .build();
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("routes", new RouterFunctionMapping(routes));

        assertThat(ExposedRoutes.of(context)).extracting(ExposedRoutes.Route::toString, ExposedRoutes.Route::path)
                .containsExactlyInAnyOrder(
                        tuple("DELETE /api/alerts/**", "/api/alerts/x"),
                        tuple("GET /api/alerts/**", "/api/alerts/x"),
                        tuple("POST /api/alerts/**", "/api/alerts/x"),
                        tuple("PUT /api/alerts/**", "/api/alerts/x"),
                        tuple("GET /api/inventory/items/{sku}",
                                "/api/inventory/items/1"),
                        tuple("POST /api/inventory/receipts",
                                "/api/inventory/receipts"));
    }

    @Test
    void everyKindOfPathVariableGetsADummy() {
        assertThat(ExposedRoutes.concrete("/api/x/{id}/{*rest}")).isEqualTo("/api/x/1/1");
        assertThat(ExposedRoutes.concrete("/api/x/{id:\\d+}/*.json")).isEqualTo("/api/x/1/x.json");
    }
}
