package io.stockflow.gateway.support;

import io.stockflow.testsupport.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A gateway on real PostgreSQL and Redis, its management endpoints on a random port of their own, the first
 * administrator's password known, and API-key checks not cached (so a revocation shows at once).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest
@TestPropertySource(properties = {"management.server.port=0",
        "stockflow.auth.initial-admin-password=" + GatewayClient.ADMIN_PASSWORD,
        "stockflow.gateway.api-keys.cache-for=0s"})
public @interface GatewayTest {
}
