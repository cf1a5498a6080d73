package io.stockflow.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.notification.channel.RecordingHttpServer;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.Replicas;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the service on one database, one Redis and one consumer group, as in production: they split the
 * alert partitions, a situation raised again on the other replica's partitions is still sent once (the
 * deduplication window is in Redis), and every delivery is sent once although both replicas' workers drain the
 * same table.
 */
@IntegrationTest
@DirtiesContext // its listener must not share the consumer group with the next test class's context
class TwoReplicasTest {

    /** The settings a replica takes from the first one's environment: the same stores, broker and keys. */
    private static final List<String> SHARED = List.of("spring.r2dbc.url", "spring.r2dbc.username",
            "spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
            "spring.kafka.bootstrap-servers", "spring.data.redis.host", "spring.data.redis.port",
            "stockflow.security.jwks-uri", "stockflow.notification.allowed-private-targets",
            "stockflow.notification.delivery-interval", "stockflow.notification.secrets-key");

    static RecordingHttpServer receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = RecordingHttpServer.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("stockflow.notification.allowed-private-targets", () -> "127.0.0.1/32");
        registry.add("stockflow.notification.delivery-interval", () -> "200ms");
        registry.add("stockflow.notification.secrets-key", () -> java.util.Base64.getEncoder()
                .encodeToString(new byte[32]));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    Environment environment;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry metrics;

    private final EventCodec codec = new EventCodec();
    private final String store = "R-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void twoReplicasSplitTheAlertsAndStillSendEachSituationOnce() throws InterruptedException {
        String path = "/replicas-" + store;
        String channel = post("/api/notifications/channels", Map.of("name", "hooks-" + store, "type", "webhook",
                "secrets", Map.of("signing_secret", "k")), 201).get("channel_id").asString();
        String subscription = post("/api/notifications/subscriptions", Map.of("name", "ops", "channel_id", channel,
                "address", receiver.baseUrl() + path), 201).get("subscription_id").asString();
        post("/api/notifications/rules", Map.of("name", "replicas " + store, "store_ids", List.of(store),
                "dedup_window_minutes", 60, "subscription_ids", List.of(subscription)), 201);

        try (ConfigurableApplicationContext replica = startReplica()) {
            KafkaListenerEndpointRegistry replicaListeners = replica.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Set<TopicPartition> here = assigned(listeners);
                Set<TopicPartition> there = assigned(replicaListeners);
                return alertPartitions(here) > 0 && alertPartitions(there) > 0
                        && alertPartitions(here) + alertPartitions(there) == 6;
            });
            Counter received = received(metrics);
            Counter receivedThere = received(replica.getBean(MeterRegistry.class));
            double before = received.count();
            double beforeThere = receivedThere.count();

            // 30 situations, each raised once on its own partition and then again, as new alerts, on all six:
            // whichever replica reads a repeat, the Redis window holds it back.
            List<String> products = IntStream.range(0, 30).mapToObj(i -> "P" + i).toList();
            products.forEach(product -> send(null, product));
            kafka.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> hooks(path).size() == products.size());
            for (String product : products) {
                for (int partition = 0; partition < 6; partition++) {
                    send(partition, product);
                }
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    received.count() - before + receivedThere.count() - beforeThere == products.size() * 7);
            Thread.sleep(1_000); // any extra send would have arrived by now

            Map<String, Long> sendsPerProduct = hooks(path).stream().collect(Collectors.groupingBy(
                    body -> body.replaceAll(".*\"product_id\":\"(P\\d+)\".*", "$1"), Collectors.counting()));
            assertThat(sendsPerProduct).hasSize(products.size()).allSatisfy((product, sends) ->
                    assertThat(sends).as(product).isEqualTo(1L));
            assertThat(received.count() - before).isPositive();
            assertThat(receivedThere.count() - beforeThere).isPositive();
        }
    }

    private ConfigurableApplicationContext startReplica() {
        return Replicas.start(NotificationApplication.class, environment, SHARED);
    }

    private void send(Integer partition, String product) {
        InventoryAlert alert = new InventoryAlert(store, product, "stockout_risk", 1, "critical",
                "forecast demand over the lead time exceeds available stock", 2, 0, 0, 2, 7.0, 70.0, 70.0, 0.2,
                null, null, Instant.now());
        kafka.send(new ProducerRecord<>(Topics.INVENTORY_ALERTS.name(), partition, store + "|" + product,
                codec.encode(new EventEnvelope<>(UUID.randomUUID(), EventTypes.INVENTORY_ALERT_RAISED, 1,
                        Instant.now(), "inventory-service", alert))));
    }

    private static Set<TopicPartition> assigned(KafkaListenerEndpointRegistry registry) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            if (assigned != null) {
                partitions.addAll(assigned);
            }
        }
        return partitions;
    }

    private static long alertPartitions(Set<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(Topics.INVENTORY_ALERTS.name())).count();
    }

    private static Counter received(MeterRegistry registry) {
        return Counter.builder("stockflow.notification.alert.events").tag("outcome", "received").register(registry);
    }

    private List<String> hooks(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path))
                .map(RecordingHttpServer.Recorded::body).toList();
    }

    private JsonNode post(String path, Object body, int status) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
