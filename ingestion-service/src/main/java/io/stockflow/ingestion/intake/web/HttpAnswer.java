package io.stockflow.ingestion.intake.web;

import io.stockflow.ingestion.dedup.IdempotentRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A response kept as its final bytes, so an {@code Idempotency-Key} replay returns exactly what the first
 * request got.
 */
record HttpAnswer(int status, String contentType, String body, String retryAfter, boolean replayed)
        implements IdempotentRequests.Answer {

    static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    boolean replayable() {
        // 5xx answers and "still running" conflicts describe a moment, not the request: retries must run again.
        return status < 500 && status != 409;
    }

    HttpAnswer retryingAfter(String seconds) {
        return new HttpAnswer(status, contentType, body, seconds, replayed);
    }

    ResponseEntity<String> toResponse() {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, contentType);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(body);
    }
}
