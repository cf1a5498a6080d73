package io.stockflow.common.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Thrown by handlers to answer with a given problem; Spring renders it as application/problem+json. */
public class ApiProblemException extends ErrorResponseException {

    public ApiProblemException(ProblemDetail problem) {
        this(problem, HttpHeaders.EMPTY, null);
    }

    public ApiProblemException(ProblemDetail problem, HttpHeaders headers, Throwable cause) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, cause);
        getHeaders().addAll(headers);
    }
}
