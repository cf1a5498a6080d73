package io.stockflow.common.messaging;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The one way a service puts events on Kafka: it wraps a payload in the envelope (this service as the source, the
 * topic's schema version), keys it as its topic says, and sends it through the service's idempotent producer
 * (acks=all). Sends return at once; a caller that promises durability waits for the acknowledgements
 * ({@link #await}).
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final String source;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, String source) {
        this.kafka = kafka;
        this.codec = codec;
        this.source = source;
    }

    /** The envelope of one event of this topic, from this service. */
    public <P> EventEnvelope<P> envelope(Topic<P> topic, String type, UUID eventId, Instant occurredAt, P payload) {
        if (!topic.eventTypes().contains(type)) {
            throw new IllegalArgumentException(type + " is not an event type of " + topic.name());
        }
        return new EventEnvelope<>(eventId, type, topic.schemaVersion(), occurredAt, source, payload);
    }

    /** Sends one event, keyed as its topic says. */
    public <P> CompletableFuture<?> publish(Topic<P> topic, EventEnvelope<P> event) {
        return send(new ProducerRecord<>(topic.name(), topic.keyOf(event.payload()), codec.encode(event)));
    }

    /** Builds the envelope and sends it. */
    public <P> CompletableFuture<?> publish(Topic<P> topic, String type, UUID eventId, Instant occurredAt,
                                            P payload) {
        return publish(topic, envelope(topic, type, eventId, occurredAt, payload));
    }

    /** Sends a record already encoded (an outbox row, a dead letter). */
    public CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched within max.block.ms (broker unreachable).
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The bytes of an envelope, as {@link #publish} would send them (for an outbox that sends them later). */
    public byte[] encode(EventEnvelope<?> event) {
        return codec.encode(event);
    }

    /** @return for each send, in order: null when Kafka acknowledged it, else the failure */
    public static List<Throwable> await(List<? extends CompletableFuture<?>> sends) {
        List<Throwable> failures = new ArrayList<>(sends.size());
        for (CompletableFuture<?> send : sends) {
            try {
                send.get();
                failures.add(null);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        return failures;
    }

    /** @return the first failure of the sends, or null when Kafka acknowledged every one */
    public static Throwable firstFailure(List<? extends CompletableFuture<?>> sends) {
        return await(sends).stream().filter(failure -> failure != null).findFirst().orElse(null);
    }
}
