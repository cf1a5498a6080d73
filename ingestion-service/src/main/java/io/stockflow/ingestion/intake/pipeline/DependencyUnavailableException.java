package io.stockflow.ingestion.intake.pipeline;

/**
 * Kafka, Redis or PostgreSQL (where refused rows are kept) could not be reached or refused the work: the request
 * stops there, and what Kafka had not acknowledged was not accepted.
 */
public class DependencyUnavailableException extends RuntimeException {

    private final String dependency;

    DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable: " + (cause == null ? "" : cause.getMessage()), cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
