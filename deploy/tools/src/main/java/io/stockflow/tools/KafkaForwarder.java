package io.stockflow.tools;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.common.json.StockflowJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The reference a notification pipeline is measured against: a bare Kafka consumer that decodes each alert event
 * and POSTs it to a webhook, 16 calls at a time (the service's delivery concurrency), committing a batch's offsets
 * once its calls were answered — Kafka and HTTP with nothing in between.
 */
final class KafkaForwarder implements AutoCloseable {

    private static final int CONCURRENCY = 16;

    private final KafkaConsumer<String, byte[]> consumer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final EventCodec codec = new EventCodec();
    private final Thread loop;
    private volatile boolean running = true;

    private KafkaForwarder(KafkaConsumer<String, byte[]> consumer, URI target) {
        this.consumer = consumer;
        this.target = target;
        this.loop = new Thread(this::run, "kafka-forwarder");
    }

    static KafkaForwarder start(String bootstrap, String topic, String group, String webhookUrl) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        KafkaForwarder forwarder = new KafkaForwarder(consumer, URI.create(webhookUrl));
        forwarder.loop.start();
        return forwarder;
    }

    private void run() {
        Semaphore slots = new Semaphore(CONCURRENCY);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                List<CompletableFuture<?>> calls = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    EventEnvelope<InventoryAlert> event = codec.decode(record.value(), InventoryAlert.class);
                    String body = StockflowJson.mapper().writeValueAsString(Map.of("id", event.eventId().toString(),
                            "data", Map.of("alert_id", event.eventId().toString(),
                                    "store_id", event.payload().storeId(), "product_id", event.payload().productId())));
                    slots.acquire();
                    calls.add(http.sendAsync(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> slots.release()));
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // close() asked the loop to end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        loop.join(10_000);
    }
}
