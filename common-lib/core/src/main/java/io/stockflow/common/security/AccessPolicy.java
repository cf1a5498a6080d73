package io.stockflow.common.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call what: the README's authorization matrix as code, enforced by the gateway and again by every
 * service, so that a request that bypasses the gateway meets the same rules. Rules are tried in order and the first
 * whose method and path match decides; a request no rule names needs ADMIN (closed by default).
 */
public final class AccessPolicy {

    /** What a matched rule requires. */
    public sealed interface Requirement permits Public, Authenticated, AnyRole {
        /** Whether a caller holding these roles may pass (a public rule passes anyone, even nobody). */
        boolean admits(Set<Role> roles);

        /** The matrix cell, as the README writes it. */
        String describe();
    }

    /** Open to anyone: login, refresh, public keys, health, API documentation. */
    public record Public() implements Requirement {
        @Override
        public boolean admits(Set<Role> roles) {
            return true;
        }

        @Override
        public String describe() {
            return "anyone";
        }
    }

    /** Any valid token or API key, whatever its roles. */
    public record Authenticated() implements Requirement {
        @Override
        public boolean admits(Set<Role> roles) {
            return true;
        }

        @Override
        public String describe() {
            return "any signed-in caller";
        }
    }

    /** A caller holding at least one of these roles. ADMIN is always among them. */
    public record AnyRole(Set<Role> roles) implements Requirement {
        public AnyRole {
            EnumSet<Role> withAdmin = EnumSet.of(Role.ADMIN);
            withAdmin.addAll(roles);
            roles = Set.copyOf(withAdmin);
        }

        @Override
        public boolean admits(Set<Role> held) {
            return held.stream().anyMatch(roles::contains);
        }

        @Override
        public String describe() {
            return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(", "));
        }
    }

    /** One line of the matrix; {@code methods} empty means every method. */
    public record Rule(Set<HttpMethod> methods, String pattern, PathPattern path, Requirement requirement,
                       String purpose) {

        boolean matches(HttpMethod method, PathContainer requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
        }

        public String methodsText() {
            return methods.isEmpty() ? "any" : methods.stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining(", "));
        }
    }

    private static final Requirement PUBLIC = new Public();
    private static final Requirement AUTHENTICATED = new Authenticated();
    private static final Requirement ADMIN_ONLY = new AnyRole(Set.of());
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Set<Role> PEOPLE = EnumSet.of(Role.PLANNER, Role.ANALYST, Role.VIEWER);
    private static final Set<Role> PLANNERS = EnumSet.of(Role.PLANNER);
    private static final Set<Role> ANALYSTS = EnumSet.of(Role.PLANNER, Role.ANALYST);

    private static final AccessPolicy STOCKFLOW = new Builder()
            // Open doors: getting a token, checking one, probing health, reading the API documentation.
            .rule(Set.of(HttpMethod.POST), "/api/auth/login", PUBLIC, "log in")
            .rule(Set.of(HttpMethod.POST), "/api/auth/refresh", PUBLIC, "refresh a session")
            .rule(READS, "/.well-known/jwks.json", PUBLIC, "public signing keys")
            .rule(READS, "/actuator/health/**", PUBLIC, "liveness and readiness")
            .rule(READS, "/v3/api-docs*", PUBLIC, "OpenAPI document")
            .rule(READS, "/v3/api-docs/**", PUBLIC, "OpenAPI documents of every service")
            .rule(READS, "/swagger-ui.html", PUBLIC, "Swagger UI")
            .rule(READS, "/swagger-ui/**", PUBLIC, "Swagger UI")
            .rule(READS, "/webjars/swagger-ui/**", PUBLIC, "Swagger UI assets")
            .rule(Set.of(), "/api/auth/**", AUTHENTICATED, "own session: me, logout")
            .rule(Set.of(), "/api/admin/**", ADMIN_ONLY, "users, API keys, signing keys")
            // Ingestion: machines post and read what became of their batches, people read the quality report.
            .rule(Set.of(HttpMethod.POST), "/api/data/pos/**", roles(Role.INGEST), "post POS transactions")
            .rule(READS, "/api/data/**", roles(Role.PLANNER, Role.ANALYST, Role.VIEWER, Role.INGEST),
                    "data-quality reports, batches and their refused rows")
            // Forecasting: everyone reads and asks for forecasts; planners train, import history and regressors.
            .rule(READS, "/api/ml/**", new AnyRole(PEOPLE), "forecasts, accuracy, models, segments")
            .rule(Set.of(HttpMethod.POST), "/api/ml/forecast", new AnyRole(PEOPLE), "compute a forecast")
            .rule(WRITES, "/api/ml/**", new AnyRole(PLANNERS), "train models, import history and regressors")
            // Inventory: stock movements also come from ERP/WMS machines; analyses for analysts; changes for planners.
            .rule(READS, "/api/inventory/**", new AnyRole(PEOPLE), "stock, policies, purchase orders, audit")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/receipts", roles(Role.PLANNER, Role.INGEST),
                    "record receipts")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/adjustments", roles(Role.PLANNER, Role.INGEST),
                    "record adjustments")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/transfers", roles(Role.PLANNER, Role.INGEST),
                    "record transfers")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/allocations", roles(Role.PLANNER, Role.INGEST),
                    "reserve and release stock for open orders")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/simulate", new AnyRole(ANALYSTS), "what-if simulation")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/optimize", new AnyRole(ANALYSTS), "optimise policies")
            .rule(Set.of(HttpMethod.POST), "/api/inventory/reorder/recommendations", new AnyRole(ANALYSTS),
                    "compute reorder recommendations")
            .rule(WRITES, "/api/inventory/**", new AnyRole(PLANNERS),
                    "change policies and item terms, approve purchase orders")
            // Alerts and notification settings.
            .rule(READS, "/api/alerts/**", new AnyRole(PEOPLE), "alerts and their delivery log")
            .rule(WRITES, "/api/alerts/**", new AnyRole(PLANNERS), "acknowledge and resolve alerts")
            .rule(READS, "/api/notifications/**", new AnyRole(ANALYSTS), "rules, subscriptions, channels")
            .rule(WRITES, "/api/notifications/**", new AnyRole(PLANNERS), "change rules, subscriptions, channels")
            // Recommendations.
            .rule(READS, "/api/recommendations/**", new AnyRole(PEOPLE), "recommendations")
            .rule(WRITES, "/api/recommendations/**", new AnyRole(PLANNERS), "train and tune recommenders")
            .build();

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Stockflow's one matrix. */
    public static AccessPolicy stockflow() {
        return STOCKFLOW;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** What a request needs; ADMIN when no rule names it. */
    public Requirement requirementFor(HttpMethod method, String path) {
        PathContainer requestPath = PathContainer.parsePath(path);
        for (Rule rule : rules) {
            if (rule.matches(method, requestPath)) {
                return rule.requirement();
            }
        }
        return ADMIN_ONLY;
    }

    /** The matrix as a Markdown table, for the README (a test keeps the two equal). */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| Method | Path | Who | What |\n|---|---|---|---|\n");
        for (Rule rule : rules) {
            table.append("| ").append(rule.methodsText()).append(" | `").append(rule.pattern()).append("` | ")
                    .append(rule.requirement().describe()).append(" | ").append(rule.purpose()).append(" |\n");
        }
        return table.append("| any | anything else | ADMIN | closed by default |\n").toString();
    }

    private static Requirement roles(Role... roles) {
        return new AnyRole(Set.of(roles));
    }

    private static final class Builder {
        private final PathPatternParser parser = new PathPatternParser();
        private final List<Rule> rules = new ArrayList<>();

        Builder rule(Set<HttpMethod> methods, String pattern, Requirement requirement, String purpose) {
            rules.add(new Rule(Set.copyOf(methods), pattern, parser.parse(pattern), requirement, purpose));
            return this;
        }

        AccessPolicy build() {
            return new AccessPolicy(rules);
        }
    }
}
