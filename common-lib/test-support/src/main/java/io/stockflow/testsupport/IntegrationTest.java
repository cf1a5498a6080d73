package io.stockflow.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full Spring Boot test of a service on a random port, wired to real infrastructure: Kafka, PostgreSQL and
 * Redis come from {@link TestInfrastructure} (Testcontainers when Docker is reachable, else the in-JVM KRaft
 * broker, the machine's own servers or embedded ones). Each piece starts only when the service's configuration
 * asks for it, and each test context gets a fresh PostgreSQL database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface IntegrationTest {
}
