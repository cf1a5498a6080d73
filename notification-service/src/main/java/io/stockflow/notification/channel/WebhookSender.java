package io.stockflow.notification.channel;

import tools.jackson.databind.json.JsonMapper;
import io.stockflow.common.json.StockflowJson;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks: {@code POST <address>} with {@code {"id", "subject", "text", "data"}} as JSON, headers
 * {@code Idempotency-Key} and {@code X-Stockflow-Delivery-Id} (the delivery id: the same on every retry),
 * {@code X-Stockflow-Timestamp} and {@code X-Stockflow-Signature} ({@link WebhookSignature}). Secret:
 * {@code signing_secret}. The target is checked again at send time — DNS may have changed since the subscription
 * was accepted — and a private one is refused for good. Redirects are not followed.
 */
public class WebhookSender implements ChannelSender {

    private final UrlGuard guard;
    private final Clock clock;
    private final JsonMapper json = StockflowJson.mapper();

    public WebhookSender(UrlGuard guard) {
        this(guard, Clock.systemUTC());
    }

    WebhookSender(UrlGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        Optional<String> refused = guard.refusal(address);
        if (refused.isPresent()) {
            return DeliveryOutcome.permanent("refused: " + refused.get());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", message.deliveryId().toString());
        payload.put("subject", message.subject());
        payload.put("text", message.text());
        payload.put("data", message.data());
        String body = json.writeValueAsString(payload);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(HttpCalls.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.deliveryId().toString())
                .header("X-Stockflow-Delivery-Id", message.deliveryId().toString())
                .header("X-Stockflow-Timestamp", Long.toString(timestamp))
                .header("X-Stockflow-Signature", WebhookSignature.header(channel.secret("signing_secret"), timestamp,
                        body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpCalls.exchange(request);
    }
}
