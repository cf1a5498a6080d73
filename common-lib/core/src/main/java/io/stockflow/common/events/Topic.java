package io.stockflow.common.events;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One Kafka topic, declared once (see {@link Topics}): its name, how a payload is keyed, the payload type its
 * envelopes carry, the schema version producers write, and the event types it carries. Consumers that cannot read
 * a record send it to {@link #deadLetter(String) their own dead-letter topic} of it.
 *
 * @param key           what the key is, for people (e.g. {@code store_id|product_id})
 * @param keyOf         the key of a payload; events whose order matters share it, so they share a partition
 * @param schemaVersion the payload schema's version, bumped on breaking changes
 */
public record Topic<P>(String name, String key, Function<? super P, String> keyOf, Class<P> payloadType,
                       int schemaVersion, Set<String> eventTypes) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyOf, "keyOf");
        Objects.requireNonNull(payloadType, "payloadType");
        eventTypes = Set.copyOf(eventTypes);
    }

    /** The key of this payload's record. */
    public String keyOf(P payload) {
        return keyOf.apply(payload);
    }

    /** Where the consumers of one service send the records of this topic they cannot read. */
    public String deadLetter(String service) {
        return name + "." + service + ".dlq";
    }

    @Override
    public String toString() {
        return name;
    }
}
