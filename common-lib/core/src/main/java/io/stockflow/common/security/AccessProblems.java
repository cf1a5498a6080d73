package io.stockflow.common.security;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The 401 and 403 answers, worded the same by the gateway and the services. */
public final class AccessProblems {

    private AccessProblems() {
    }

    public static ApiProblemException authenticationRequired() {
        return unauthorized("authentication-required", "Authentication required",
                "send an access token as 'Authorization: Bearer <token>' or an API key as 'X-Api-Key: <key>'");
    }

    public static ApiProblemException invalidToken() {
        return unauthorized("invalid-token", "Invalid access token",
                "the access token is invalid or expired; refresh it or log in again");
    }

    public static ApiProblemException invalidApiKey() {
        return unauthorized("invalid-api-key", "Invalid API key", "the API key is unknown, revoked or malformed");
    }

    public static ApiProblemException forbidden(AccessPolicy.Requirement requirement) {
        return Problems.exception(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "this operation needs one of the roles: " + requirement.describe());
    }

    public static ApiProblemException unauthorized(String slug, String title, String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new ApiProblemException(Problems.of(HttpStatus.UNAUTHORIZED, slug, title, detail), headers, null);
    }
}
