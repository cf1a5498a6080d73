package io.stockflow.ingestion.intake.pipeline;

/** Kafka or Redis could not be reached or refused the work: nothing of the failed chunk was accepted. */
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
