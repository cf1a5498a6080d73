package io.stockflow.gateway.auth;

import io.stockflow.testsupport.RedisEndpoint;
import io.stockflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Base of tests that talk to the real Redis of TestInfrastructure without a Spring context. */
abstract class RealRedis {

    private static LettuceConnectionFactory connections;
    static ReactiveStringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        RedisEndpoint endpoint = TestInfrastructure.redis();
        connections = new LettuceConnectionFactory(endpoint.host(), endpoint.port());
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }
}
