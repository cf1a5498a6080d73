package io.stockflow.ingestion.intake.web;

/** The request an answer is for, so that every problem names it ({@code instance}, {@code request_id}). */
record RequestInfo(String path, String requestId) {
}
