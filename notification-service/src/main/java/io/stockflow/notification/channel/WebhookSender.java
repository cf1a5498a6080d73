package io.stockflow.notification.channel;

import io.netty.channel.ChannelOption;
import io.stockflow.common.json.StockflowJson;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks: {@code POST <address>} with {@code {"id", "subject", "text", "data"}} as JSON, headers
 * {@code Idempotency-Key} and {@code X-Stockflow-Delivery-Id} (the delivery id: the same on every retry),
 * {@code X-Stockflow-Timestamp} and {@code X-Stockflow-Signature} ({@link WebhookSignature}). Secret:
 * {@code signing_secret}. The target is checked again at send time, by the client's own resolver — DNS may have
 * changed since the subscription was accepted, and the addresses checked must be the ones connected to — and a
 * private one is refused for good. Redirects are not followed.
 */
public class WebhookSender implements ChannelSender {

    private final UrlGuard guard;
    private final Clock clock;
    private final JsonMapper json = StockflowJson.mapper();
    private final HttpClient http;

    public WebhookSender(UrlGuard guard) {
        this(guard, Clock.systemUTC());
    }

    WebhookSender(UrlGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
        this.http = HttpClient.create()
                .resolver(new GuardedAddressResolverGroup(guard))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(HttpCalls.REQUEST_TIMEOUT)
                .followRedirect(false);
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        // Refused before anything is built, with the reason; the resolver below holds the line while connecting.
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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSignature.header(channel.secret("signing_secret"), timestamp, body);
        return http.headers(headers -> headers
                        .set("Content-Type", "application/json")
                        .set("Content-Length", bytes.length)
                        .set("Idempotency-Key", message.deliveryId().toString())
                        .set("X-Stockflow-Delivery-Id", message.deliveryId().toString())
                        .set("X-Stockflow-Timestamp", Long.toString(timestamp))
                        .set("X-Stockflow-Signature", signature))
                .post().uri(address)
                .send((request, out) -> out.sendByteArray(Mono.just(bytes)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> DeliveryOutcome.ofHttp(response.status().code(), text)))
                .onErrorResume(error -> Mono.just(outcomeOf(error)))
                .block(HttpCalls.REQUEST_TIMEOUT.plus(Duration.ofSeconds(10)));
    }

    private static DeliveryOutcome outcomeOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UrlGuard.RefusedTarget refused) {
                return DeliveryOutcome.permanent("refused: " + refused.getMessage());
            }
        }
        return DeliveryOutcome.retryable(error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
