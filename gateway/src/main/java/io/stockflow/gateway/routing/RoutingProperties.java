package io.stockflow.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code stockflow.gateway.*}: where the services are (localhost ports locally, Kubernetes service names in the
 * cluster) and which paths go where, each with its own time limit and body-size limit.
 *
 * @param services service name to base URI
 * @param routes   tried in order; the first whose path matches takes the request
 */
@ConfigurationProperties("stockflow.gateway")
public record RoutingProperties(Map<String, URI> services, List<RouteSpec> routes) {

    /**
     * @param timeout     how long the service may take to answer completely; then 504
     * @param maxBodySize larger request bodies are refused with 413 before they reach the service
     */
    public record RouteSpec(String id, String service, List<String> paths, Duration timeout, DataSize maxBodySize) {
    }

    public URI uriOf(String service) {
        URI uri = services.get(service);
        if (uri == null) {
            throw new IllegalStateException("stockflow.gateway.services has no address for service '" + service + "'");
        }
        return uri;
    }
}
