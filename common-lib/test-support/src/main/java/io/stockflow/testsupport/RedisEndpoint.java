package io.stockflow.testsupport;

/** A reachable Redis server. */
public record RedisEndpoint(String host, int port) {
}
