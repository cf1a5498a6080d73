package io.stockflow.ingestion.intake.pipeline;

import java.time.Instant;

/**
 * What the pipeline needs to know of a request besides its rows.
 *
 * @param idempotencyKey the request's valid {@code Idempotency-Key}, or null: ids assigned to its lines derive from it
 */
public record Arrival(Instant receivedAt, String requestId, String idempotencyKey) {
}
