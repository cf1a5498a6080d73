package io.stockflow.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every route an application serves, as its handler mappings know them: annotated controllers and actuator
 * endpoints ({@link RequestMappingInfoHandlerMapping}) and functional routes ({@link RouterFunctionMapping}).
 * A route that takes any method is listed once per method in {@link #ANY_METHOD}.
 */
public final class ExposedRoutes {

    /** A route: its method, its pattern as declared, and a path that matches it (variables filled with dummies). */
    public record Route(HttpMethod method, String pattern, String path) {
        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    static final List<HttpMethod> ANY_METHOD = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE);

    private ExposedRoutes() {
    }

    public static List<Route> of(ApplicationContext context) {
        Set<Route> routes = new TreeSet<>(Comparator.comparing(Route::pattern).thenComparing(r -> r.method().name()));
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                List<HttpMethod> methods = info.getMethodsCondition().getMethods().stream()
                        .map(RequestMethod::asHttpMethod).toList();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    add(routes, methods, pattern.getPatternString());
                }
            }
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            if (mapping.getRouterFunction() != null) {
                FunctionalRoutes visitor = new FunctionalRoutes(routes);
                mapping.getRouterFunction().accept(visitor);
            }
        }
        return List.copyOf(routes);
    }

    private static void add(Set<Route> routes, List<HttpMethod> methods, String pattern) {
        for (HttpMethod method : methods.isEmpty() ? ANY_METHOD : methods) {
            routes.add(new Route(method, pattern, concrete(pattern)));
        }
    }

    /** A path the pattern matches: {@code {id}} and {@code {*rest}} become {@code 1}, wildcards {@code x}. */
    static String concrete(String pattern) {
        String path = pattern.replaceAll("\\{\\*[^}]*}", "1").replaceAll("\\{[^}]*}", "1")
                .replace("**", "x").replace("*", "x").replace("?", "x");
        return path.isEmpty() ? "/" : path;
    }

    /** Reads paths and methods out of router functions, nested prefixes included. */
    private static final class FunctionalRoutes implements RouterFunctions.Visitor {

        private final Set<Route> routes;
        private final Deque<String> prefixes = new ArrayDeque<>();

        FunctionalRoutes(Set<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            Predicates nested = Predicates.of(predicate);
            prefixes.push(prefix() + (nested.paths.isEmpty() ? "" : nested.paths.iterator().next()));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            Predicates route = Predicates.of(predicate);
            for (String path : route.paths.isEmpty() ? Set.of("") : route.paths) {
                add(routes, List.copyOf(route.methods), prefix() + path);
            }
        }

        private String prefix() {
            return prefixes.isEmpty() ? "" : prefixes.peek();
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }
    }

    /** The methods and paths a predicate names, however combined (a superset is fine for enumerating). */
    private static final class Predicates implements RequestPredicates.Visitor {

        final Set<HttpMethod> methods = new LinkedHashSet<>();
        final Set<String> paths = new LinkedHashSet<>();

        static Predicates of(RequestPredicate predicate) {
            Predicates visitor = new Predicates();
            predicate.accept(visitor);
            return visitor;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            this.methods.addAll(methods);
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}
