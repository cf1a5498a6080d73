package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.ingestion.intake.reading.UnreadableBodyException;

/**
 * What a streamed batch came to, and why it stopped early if it did.
 *
 * @param unreadable  the body turned unreadable at some row; the rows before it were processed
 * @param unavailable Kafka, Redis or PostgreSQL failed; the rows Kafka had acknowledged before stay accepted
 */
public record BatchResult(BatchContext batch, IngestionReport report, UnreadableBodyException unreadable,
                          DependencyUnavailableException unavailable) {
}
