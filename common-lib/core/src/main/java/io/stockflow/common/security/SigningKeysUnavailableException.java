package io.stockflow.common.security;

/**
 * No usable copy of the gateway's public keys: never fetched, or last fetched longer ago than allowed and the
 * gateway does not answer. A token cannot be judged either way, so the caller is told to retry (503), not to log
 * in again (401).
 */
public class SigningKeysUnavailableException extends RuntimeException {

    public SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
