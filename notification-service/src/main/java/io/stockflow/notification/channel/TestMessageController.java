package io.stockflow.notification.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A test message to one subscription, sent at once through its channel, so whoever sets up a channel sees that it
 * works (or the provider's answer when it does not) before an alert depends on it. Nothing is retried or logged as
 * a delivery; the answer is the attempt.
 */
@RestController
class TestMessageController {

    private final ChannelRepository channels;
    private final ChannelSenders senders;
    private final MeterRegistry registry;

    TestMessageController(ChannelRepository channels, ChannelSenders senders, MeterRegistry registry) {
        this.channels = channels;
        this.senders = senders;
        this.registry = registry;
    }

    /** @param messageId the message's id (webhooks: its Idempotency-Key), new for every test */
    record TestResult(UUID subscriptionId, String channelType, String address, UUID messageId, boolean delivered,
                      Integer status, String detail, Instant sentAt) {
    }

    /** 200 with the outcome whether or not it was delivered; 404 for an unknown subscription. */
    @PostMapping("/api/notifications/subscriptions/{id}/test")
    Mono<TestResult> test(@PathVariable UUID id) {
        return channels.subscription(id)
                .switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND, "subscription-not-found",
                        "Unknown subscription", "no subscription " + id)))
                .flatMap(subscription -> channels.channel(subscription.channelId())
                        .flatMap(channel -> Mono.fromCallable(() -> send(channel, subscription))
                                .subscribeOn(Schedulers.boundedElastic())));
    }

    private TestResult send(ChannelRepository.StoredChannel channel, ChannelRepository.Subscription subscription) {
        UUID messageId = UUID.randomUUID();
        Message message = new Message(messageId, "[TEST] Stockflow notifications work",
                "A test message for the subscription \"" + subscription.name() + "\" on the channel \""
                        + channel.name() + "\". Alerts that the rules route to it will arrive like this.",
                Map.of("test", true, "subscription_id", subscription.subscriptionId().toString()));
        DeliveryOutcome outcome = senders.send(channel, subscription.address(), message);
        String type = channel.type().name().toLowerCase(Locale.ROOT);
        Counter.builder("stockflow.notification.test.messages").description("test messages sent, by outcome")
                .tag("channel", type).tag("outcome", outcome.delivered() ? "delivered" : "failed")
                .register(registry).increment();
        return new TestResult(subscription.subscriptionId(), type, subscription.address(), messageId,
                outcome.delivered(), outcome.status(), outcome.detail(), Instant.now());
    }
}
