package io.stockflow.common.security;

/** An access token that must not be trusted; the message says why, for logs, never for the client. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
