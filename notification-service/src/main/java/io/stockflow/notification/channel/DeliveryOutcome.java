package io.stockflow.notification.channel;

/**
 * How one attempt went: delivered; or not, and then either worth retrying (network errors, timeouts, 408, 429, 5xx)
 * or not (another 4xx, a refused target). {@code status} is the provider's HTTP status where there is one.
 */
public record DeliveryOutcome(boolean delivered, boolean retryable, Integer status, String detail) {

    static DeliveryOutcome ofHttp(int status, String body) {
        if (status / 100 == 2) {
            return new DeliveryOutcome(true, false, status, null);
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new DeliveryOutcome(false, retryable, status, "HTTP " + status + (body == null || body.isBlank()
                ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) : body)));
    }

    static DeliveryOutcome retryable(String detail) {
        return new DeliveryOutcome(false, true, null, detail);
    }

    static DeliveryOutcome permanent(String detail) {
        return new DeliveryOutcome(false, false, null, detail);
    }
}
