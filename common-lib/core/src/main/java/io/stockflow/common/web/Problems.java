package io.stockflow.common.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details in one style for every service: a {@code type} of {@code /problems/<slug>} (documented
 * in docs/problems.md), a short title, a specific detail, and for input errors an {@code errors} list of
 * {@link FieldViolation}s.
 */
public final class Problems {

    public static final String ERRORS = "errors";
    public static final String REQUEST_ID = "request_id";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail invalidInput(String detail, List<FieldViolation> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", "The request is not valid", detail);
        problem.setProperty(ERRORS, List.copyOf(errors));
        return problem;
    }

    /**
     * Names the request a problem answers: {@code instance} (its path, unless already set) and {@code request_id},
     * which a client quotes when reporting it.
     */
    public static ProblemDetail stamp(ProblemDetail problem, String path, String requestId) {
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    public static ApiProblemException exception(HttpStatus status, String slug, String title, String detail) {
        return new ApiProblemException(of(status, slug, title, detail));
    }

    /** A problem answered with {@code Retry-After}: the client may try again after that many seconds. */
    public static ApiProblemException retryLater(HttpStatus status, String slug, String title, String detail,
                                                 long retryAfterSeconds, Throwable cause) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return new ApiProblemException(of(status, slug, title, detail), headers, cause);
    }
}
