package io.stockflow.testsupport;

import io.stockflow.common.security.AccessPolicy;
import io.stockflow.common.security.Role;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Stockflow service must expose: liveness and readiness probes, Prometheus metrics tagged with the
 * application's name, and no route that trusts a caller the {@link AccessPolicy} does not. A service's test
 * extends this and carries {@link IntegrationTest}.
 */
public abstract class OperationalEndpointsContract {

    private static final Logger log = LoggerFactory.getLogger(OperationalEndpointsContract.class);
    private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");

    @Autowired
    protected WebTestClient client;

    @Autowired
    private ApplicationContext context;

    @Value("${spring.application.name}")
    private String applicationName;

    @Test
    public void exposesProbesAndPrometheusMetrics() {
        ActuatorContract.assertProbesAndMetrics(client, applicationName);
    }

    /**
     * Every route the application maps (controllers, functional routes, actuator) answers 401 problem+json to a
     * caller without a token, and 403 to a caller whose only role the matrix does not admit there (where such a
     * role exists) — except public routes and {@code /actuator/**}, which services leave open to the cluster.
     */
    @Test
    public void everyRouteRefusesCallersThePolicyDoesNotAdmit() {
        List<ExposedRoutes.Route> routes = ExposedRoutes.of(context).stream().filter(this::isChecked).toList();
        log.info("access checks on {} routes of {}: {}", routes.size(), applicationName, routes);
        WebTestClient anonymous = TestTokens.withoutToken(client);
        for (ExposedRoutes.Route route : routes) {
            anonymous.method(route.method()).uri(route.path()).exchange()
                    .expectStatus().value(status -> assertThat(status).as(route + " without a token").isEqualTo(401))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            AccessPolicy.Requirement requirement = AccessPolicy.stockflow().requirementFor(route.method(),
                    route.path());
            Optional<Role> refused = Arrays.stream(Role.values()).filter(role -> !requirement.admits(Set.of(role)))
                    .findFirst();
            refused.ifPresent(role -> anonymous.method(route.method()).uri(route.path())
                    .header(HttpHeaders.AUTHORIZATION, bearer(role)).exchange()
                    .expectStatus().value(status -> assertThat(status).as(route + " as " + role).isEqualTo(403))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    /**
     * A token holding these roles that this application trusts. Services trust {@link TestTokens}; an application
     * that signs its own (the gateway) overrides this.
     */
    protected String bearer(Role... roles) {
        return TestTokens.bearer(roles);
    }

    /**
     * Whether {@link #everyRouteRefusesCallersThePolicyDoesNotAdmit()} checks a route: all but public ones and
     * {@code /actuator/**}. An application with routes checked otherwise may narrow it further.
     */
    protected boolean isChecked(ExposedRoutes.Route route) {
        return !ACTUATOR.matches(PathContainer.parsePath(route.path()))
                && !(AccessPolicy.stockflow().requirementFor(route.method(), route.path())
                instanceof AccessPolicy.Public);
    }
}
