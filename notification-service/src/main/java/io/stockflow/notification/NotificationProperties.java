package io.stockflow.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the notification service ({@code stockflow.notification.*}).
 *
 * @param deliveryInterval      how often due deliveries are picked up
 * @param deliveryConcurrency   deliveries in flight at once
 * @param deliveryLease         how long a claimed delivery stays with its replica before another may take it over
 * @param escalationInterval    how often unacknowledged alerts are checked for escalation
 * @param retry                 backoff of failed deliveries
 * @param allowedPrivateTargets CIDRs or host names that webhooks may reach although private (SSRF guard)
 * @param inventory             where automated actions reach inventory (the gateway) and with which API key
 * @param secretsKey            base64 of the 32-byte key-encryption key that seals channel secrets at rest; empty
 *                              stores them unsealed (local runs)
 * @param retention             how long resolved alerts (with their deliveries and log) are kept
 * @param retentionInterval     how often alerts past the retention are removed
 */
@ConfigurationProperties("stockflow.notification")
public record NotificationProperties(Duration deliveryInterval, int deliveryConcurrency, Duration deliveryLease,
                                     Duration escalationInterval, Retry retry, List<String> allowedPrivateTargets,
                                     Inventory inventory, String secretsKey, Duration retention,
                                     Duration retentionInterval) {

    public record Retry(Duration baseDelay, Duration maxDelay, int maxAttempts) {
    }

    public record Inventory(String baseUrl, String apiKey) {
    }
}
