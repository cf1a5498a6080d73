package io.stockflow.ingestion;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.Topics;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.common.quality.DataQualityAlert;
import io.stockflow.ingestion.dedup.IdempotentRequests;
import io.stockflow.testsupport.KafkaTestConsumer;
import io.stockflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What ingestion's integration tests share: test data, and reading back what a request left behind. */
public final class IngestionFixtures {

    public static final MediaType CSV = MediaType.parseMediaType("text/csv");
    public static final String HEADER = "transaction_id,line_number,store_id,product_id,quantity,unit_price,currency,"
            + "transaction_timestamp,promotion,channel,variant_size\n";
    private static final EventCodec CODEC = new EventCodec();

    private IngestionFixtures() {
    }

    /** A store of its own, so that a test's events and statistics are its own. */
    public static String store() {
        return "S-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A transaction time ten minutes ago: neither late nor in the future. */
    public static String recent() {
        return Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static List<EventEnvelope<PosTransaction>> events(String store, int expected) {
        return KafkaTestConsumer.read(Topics.POS_TRANSACTIONS.name(), r -> r.key().startsWith(store + "|"), expected,
                Duration.ofSeconds(20)).stream().map(r -> CODEC.decode(r.value(), PosTransaction.class)).toList();
    }

    /**
     * The dead letters of a batch (or of a transaction, named by its id). Complete: a request answers only after its
     * dead letters were acknowledged, and the topic is read to its end.
     */
    public static List<RejectedRecord> deadLetters(String batchId) {
        return everything(Topics.POS_TRANSACTIONS_DLQ.name()).stream()
                .map(r -> CODEC.decode(r.value(), RejectedRecord.class).payload())
                .filter(r -> r.batchId().equals(batchId)).toList();
    }

    /** The data quality alerts about a store; complete, as {@link #deadLetters} are. */
    public static List<DataQualityAlert> alerts(String store) {
        return everything(Topics.DATA_QUALITY_ALERTS.name()).stream().filter(r -> store.equals(r.key()))
                .map(r -> CODEC.decode(r.value(), DataQualityAlert.class).payload()).toList();
    }

    /** Every record of a topic up to its current end, so that "none" means none, not "none yet". */
    private static List<ConsumerRecord<String, byte[]>> everything(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The quality report of one store over the hours around now. */
    public static WebTestClient.BodyContentSpec quality(WebTestClient client, String store) {
        return client.get().uri(b -> b.path("/api/data/quality")
                        .queryParam("from", Instant.now().minus(2, ChronoUnit.HOURS))
                        .queryParam("to", Instant.now().plus(1, ChronoUnit.HOURS))
                        .queryParam("store_id", store).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    /**
     * The store's statistics count the repeated lines as duplicates, received but neither accepted nor refused
     * (the acceptance rate stays 1); nothing of the request was dead-lettered, no alert was raised about the store.
     */
    public static void assertCountedAsDuplicates(WebTestClient client, String store, String batchId, long accepted,
                                                 long duplicates) {
        quality(client, store)
                .jsonPath("$.totals.received").isEqualTo(accepted + duplicates)
                .jsonPath("$.totals.accepted").isEqualTo(accepted)
                .jsonPath("$.totals.duplicates").isEqualTo(duplicates)
                .jsonPath("$.totals.rejected").isEqualTo(0)
                .jsonPath("$.totals.acceptance_rate").isEqualTo(1.0)
                .jsonPath("$.rejected_by_reason").isEmpty()
                .jsonPath("$.per_store[0].duplicates").isEqualTo(duplicates)
                .jsonPath("$.per_store[0].rejected").isEqualTo(0);
        assertThat(deadLetters(batchId)).isEmpty();
        assertThat(alerts(store)).isEmpty();
    }

    /**
     * Forgets the stored answer of an Idempotency-Key, as its expiry does (and as a 503 does, which is never
     * stored): a retry with the key then runs again.
     */
    public static void forgetIdempotencyKey(ReactiveStringRedisTemplate redis, String endpoint, String key) {
        Long deleted = redis.delete("sf:ingest:idem:" + endpoint + ":"
                + IdempotentRequests.fingerprint(key.getBytes(StandardCharsets.UTF_8))).block();
        if (deleted == null || deleted != 1) {
            throw new IllegalStateException("no stored answer for Idempotency-Key " + key);
        }
    }

    /** The batch id of a batch's answer (a report, or a problem with a report or a batch_id). */
    public static String batchIdOf(String answer) {
        return answer.replaceAll("(?s).*\"batch_id\":\"([^\"]+)\".*", "$1");
    }
}
