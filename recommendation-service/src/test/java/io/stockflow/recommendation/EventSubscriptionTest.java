package io.stockflow.recommendation;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeadLetters;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscription.Stored;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import io.stockflow.testsupport.IntegrationTest;
import io.stockflow.testsupport.KafkaTestConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new consumer of an existing topic takes one {@link EventSubscription} bean and no Kafka configuration: the
 * shared auto-configuration runs its listener, dead-letters what it cannot read, retries a batch whose store
 * failed, and counts by outcome. (Recommendation's own consumers will be declared the same way.)
 */
@IntegrationTest
@Import(EventSubscriptionTest.Consumer.class)
class EventSubscriptionTest {

    private static final String STORE = "subscription-test-" + UUID.randomUUID();

    @TestConfiguration(proxyBeanMethods = false)
    static class Consumer {

        final Map<UUID, PosTransaction> stored = new ConcurrentHashMap<>();
        final AtomicInteger failuresToCome = new AtomicInteger();

        @Bean
        EventSubscription<EventEnvelope<PosTransaction>> testLines() {
            return EventSubscription.<EventEnvelope<PosTransaction>>builder("recommendation-test-lines",
                            "recommendation-test")
                    .read(Topics.POS_TRANSACTIONS, event -> STORE.equals(event.payload().storeId()) ? event : null)
                    .store(events -> Mono.fromCallable(() -> {
                        if (failuresToCome.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                            throw new IllegalStateException("store unavailable");
                        }
                        long fresh = events.stream()
                                .filter(event -> stored.putIfAbsent(event.eventId(), event.payload()) == null)
                                .count();
                        return Stored.of(fresh, events.size());
                    }))
                    .counted("stockflow.test.lines", "test lines consumed, by outcome", "stored", "duplicate")
                    .build();
        }
    }

    @Autowired
    Consumer consumer;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MeterRegistry registry;

    private static PosTransaction line(String transaction) {
        return new PosTransaction(transaction, 1, STORE, "SKU-1", null, new BigDecimal("2"), new BigDecimal("3.50"),
                "EUR", Instant.now().truncatedTo(ChronoUnit.SECONDS), false, SalesChannel.STORE);
    }

    private void publish(PosTransaction line) throws Exception {
        publisher.publish(Topics.POS_TRANSACTIONS, EventTypes.POS_TRANSACTION_RECORDED, line.eventId(),
                line.transactionTimestamp(), line).get();
    }

    private double counted(String outcome) {
        return registry.counter("stockflow.test.lines", "outcome", outcome).count();
    }

    @Test
    void storesEachEventOnceCountsRepeatsAndDeadLettersWhatItCannotRead() throws Exception {
        double storedBefore = counted("stored");
        double duplicatesBefore = counted("duplicate");
        double deadBefore = counted("dead_lettered");
        PosTransaction first = line("T-1");
        PosTransaction second = line("T-2");
        publish(first);
        publish(second);
        publish(first);
        publisher.send(new ProducerRecord<>(Topics.POS_TRANSACTIONS.name(), STORE + "|SKU-1",
                "not an event".getBytes(StandardCharsets.UTF_8))).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> counted("dead_lettered") - deadBefore >= 1
                && counted("stored") - storedBefore >= 2 && counted("duplicate") - duplicatesBefore >= 1);
        assertThat(consumer.stored).containsOnlyKeys(first.eventId(), second.eventId());
        assertThat(counted("stored") - storedBefore).isEqualTo(2);
        assertThat(counted("duplicate") - duplicatesBefore).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestConsumer.read(
                Topics.POS_TRANSACTIONS.deadLetter("recommendation-test"), record -> true, 1, Duration.ofSeconds(10));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isNotBlank();
    }

    @Test
    void aBatchWhoseStoreFailedIsRetriedNotSkipped() throws Exception {
        consumer.failuresToCome.set(2);
        PosTransaction line = line("T-retry");
        publish(line);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stored.containsKey(line.eventId()));
        assertThat(consumer.failuresToCome).hasValue(0);
    }
}
