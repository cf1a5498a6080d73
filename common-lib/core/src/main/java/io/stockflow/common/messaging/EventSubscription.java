package io.stockflow.common.messaging;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.Topic;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A consumer of typed topics, declared as a bean: Stockflow's Kafka auto-configuration runs a batch listener for
 * every one, so a service consumes a topic without a Kafka configuration class of its own. Each batch is read
 * (unreadable records go to {@code <topic>.<service>.dlq} with the reason), stored by {@link Store} in one
 * call that must be idempotent on the event id, and counted; the offsets are committed only after the store
 * completed. A batch that cannot be stored is retried with growing pauses, never skipped.
 *
 * @param group   the consumer group, also the listener's id
 * @param service the consuming service's short name, in its dead-letter topics' names
 * @param metric  the counter of consumed events, tagged by outcome
 */
public record EventSubscription<T>(String group, String service, Map<String, TopicReader<?, T>> readers,
                                   Store<T> store, Metric metric) {

    public EventSubscription {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metric, "metric");
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("a subscription reads at least one topic");
        }
        readers = Map.copyOf(readers);
    }

    /** Stores one batch of read items; idempotent, so a redelivered batch changes nothing. */
    @FunctionalInterface
    public interface Store<T> {
        Mono<Stored> store(List<T> items);
    }

    /** What a batch's store did: how many items were new, how many were already there (or superseded). */
    public record Stored(long fresh, long duplicates) {

        public static final Stored NOTHING = new Stored(0, 0);

        /** @param fresh how many of {@code items} were new */
        public static Stored of(long fresh, int items) {
            return new Stored(fresh, items - fresh);
        }
    }

    /**
     * @param name             the counter's name
     * @param freshOutcome     its {@code outcome} tag for new items
     * @param duplicateOutcome its {@code outcome} tag for items already stored; unreadable records count as
     *                         {@code dead_lettered}
     */
    public record Metric(String name, String description, String freshOutcome, String duplicateOutcome) {
    }

    /** Reads one topic's events into the subscription's items. */
    public record TopicReader<P, T>(Topic<P> topic, Function<EventEnvelope<P>, T> read) {

        /**
         * @return the item, or null for an event this subscription does not handle
         * @throws RuntimeException when the bytes are not an envelope of the topic's payload type
         */
        T read(byte[] value, EventCodec codec) {
            return read.apply(codec.decode(value, topic.payloadType()));
        }
    }

    public List<Topic<?>> topics() {
        return readers.values().stream().<Topic<?>>map(TopicReader::topic).toList();
    }

    public static <T> Builder<T> builder(String group, String service) {
        return new Builder<>(group, service);
    }

    public static final class Builder<T> {

        private final String group;
        private final String service;
        private final Map<String, TopicReader<?, T>> readers = new LinkedHashMap<>();
        private Store<T> store;
        private Metric metric;

        private Builder(String group, String service) {
            this.group = group;
            this.service = service;
        }

        /** @param read the item of one event, or null to skip it (an event type this consumer ignores) */
        public <P> Builder<T> read(Topic<P> topic, Function<EventEnvelope<P>, T> read) {
            readers.put(topic.name(), new TopicReader<>(topic, read));
            return this;
        }

        public Builder<T> store(Store<T> store) {
            this.store = store;
            return this;
        }

        public Builder<T> counted(String name, String description, String freshOutcome, String duplicateOutcome) {
            this.metric = new Metric(name, description, freshOutcome, duplicateOutcome);
            return this;
        }

        public EventSubscription<T> build() {
            return new EventSubscription<>(group, service, readers, store, metric);
        }
    }
}
