package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.web.FieldViolation;

import java.util.List;

/** What became of a single transaction: recorded whole, or not at all, and why. */
public sealed interface TransactionOutcome {

    /** Every line was published and acknowledged, or had been ingested before. */
    record Recorded(String transactionId, List<RowOutcome> lines) implements TransactionOutcome {
    }

    /** Some line is invalid: nothing was recorded; the transaction went whole to the dead-letter topic. */
    record Invalid(List<FieldViolation> violations) implements TransactionOutcome {
    }

    /** Another request is recording one of its lines right now. */
    record InFlight() implements TransactionOutcome {
    }

    /** Kafka or Redis failed: the request must be retried. */
    record Unavailable(DependencyUnavailableException cause) implements TransactionOutcome {
    }
}
