package io.stockflow.notification.channel;

import io.stockflow.common.json.StockflowJson;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhooks: {@code POST <address>} with {@code {"id", "subject", "text", "data"}} as JSON, headers
 * {@code Idempotency-Key} and {@code X-Stockflow-Delivery-Id} (the delivery id: the same on every retry),
 * {@code X-Stockflow-Timestamp} and {@code X-Stockflow-Signature} ({@link WebhookSignature}). Secret:
 * {@code signing_secret}. The target is checked again when connecting ({@link GuardedHttpClient}) — DNS may have
 * changed since the subscription was accepted — and a private one is refused for good. Redirects are not followed.
 */
public class WebhookSender implements ChannelSender {

    private final Clock clock;
    private final JsonMapper json = StockflowJson.mapper();
    private final GuardedHttpClient http;

    public WebhookSender(UrlGuard guard) {
        this(guard, Clock.systemUTC());
    }

    WebhookSender(UrlGuard guard, Clock clock) {
        this.clock = clock;
        this.http = new GuardedHttpClient(guard);
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", message.deliveryId().toString());
        payload.put("subject", message.subject());
        payload.put("text", message.text());
        payload.put("data", message.data());
        String body = json.writeValueAsString(payload);
        long timestamp = clock.instant().getEpochSecond();
        return http.exchange(address, Map.of(
                "Content-Type", "application/json",
                "Idempotency-Key", message.deliveryId().toString(),
                "X-Stockflow-Delivery-Id", message.deliveryId().toString(),
                "X-Stockflow-Timestamp", Long.toString(timestamp),
                "X-Stockflow-Signature", WebhookSignature.header(channel.secret("signing_secret"), timestamp, body)),
                body);
    }
}
