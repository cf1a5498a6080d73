package io.stockflow.common.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every Stockflow event carries around its payload. Consumers de-duplicate on {@code eventId}; producers that
 * may send the same fact twice derive it deterministically (see {@link DeterministicUuid}).
 *
 * @param schemaVersion version of the payload's schema for this {@code type}; bumped on breaking changes
 * @param source        the producing service
 */
public record EventEnvelope<T>(UUID eventId, String type, int schemaVersion, Instant occurredAt, String source,
                               T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
    }
}
