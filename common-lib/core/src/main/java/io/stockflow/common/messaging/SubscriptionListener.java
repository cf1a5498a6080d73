package io.stockflow.common.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.DeadLetters;
import io.stockflow.common.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batch listener every {@link EventSubscription} runs on: read → dead-letter the unreadable → store → count.
 * It returns only once the dead letters are acknowledged and the store completed; anything else throws, and the
 * container's error handler redelivers the whole batch, which the idempotent store then counts once.
 */
final class SubscriptionListener<T> implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionListener.class);
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final EventSubscription<T> subscription;
    private final EventCodec codec;
    private final EventPublisher publisher;
    private final Counter fresh;
    private final Counter duplicates;
    private final Counter deadLettered;

    SubscriptionListener(EventSubscription<T> subscription, EventCodec codec, EventPublisher publisher,
                         MeterRegistry registry) {
        this.subscription = subscription;
        this.codec = codec;
        this.publisher = publisher;
        EventSubscription.Metric metric = subscription.metric();
        this.fresh = counter(registry, metric, metric.freshOutcome());
        this.duplicates = counter(registry, metric, metric.duplicateOutcome());
        this.deadLettered = counter(registry, metric, "dead_lettered");
    }

    private static Counter counter(MeterRegistry registry, EventSubscription.Metric metric, String outcome) {
        return Counter.builder(metric.name()).description(metric.description()).tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        List<T> items = new ArrayList<>(records.size());
        List<CompletableFuture<?>> deadLetters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventSubscription.TopicReader<?, T> reader = subscription.readers().get(record.topic());
            try {
                T item = reader.read(record.value(), codec);
                if (item != null) {
                    items.add(item);
                }
            } catch (RuntimeException unreadable) {
                log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        DeadLetters.reason(unreadable));
                deadLetters.add(publisher.send(DeadLetters.of(reader.topic().deadLetter(subscription.service()),
                        record, unreadable)));
            }
        }
        awaitDeadLetters(deadLetters);
        deadLettered.increment(deadLetters.size());
        EventSubscription.Stored stored = subscription.store().store(items).blockOptional(STORE_TIMEOUT)
                .orElse(EventSubscription.Stored.NOTHING);
        fresh.increment(stored.fresh());
        duplicates.increment(stored.duplicates());
    }

    /** A dead letter Kafka did not acknowledge fails the batch: it is redelivered rather than lost. */
    private static void awaitDeadLetters(List<CompletableFuture<?>> sends) {
        try {
            for (CompletableFuture<?> send : sends) {
                send.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letters not acknowledged by Kafka", e);
        }
    }
}
