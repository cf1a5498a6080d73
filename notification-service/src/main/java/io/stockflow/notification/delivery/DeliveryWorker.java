package io.stockflow.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockflow.notification.alert.Alert;
import io.stockflow.notification.alert.AlertRepository;
import io.stockflow.notification.channel.ChannelRepository;
import io.stockflow.notification.channel.ChannelSenders;
import io.stockflow.notification.channel.DeliveryOutcome;
import io.stockflow.notification.channel.Message;
import io.stockflow.notification.channel.RetryPolicy;
import io.stockflow.notification.delivery.DeliveryRepository.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due deliveries. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} (replicas never take the same one)
 * under a lease: a replica that dies mid-send leaves its deliveries to be taken over when the lease ends, so a
 * delivery is sent at least once and the receiver sees the same delivery id again (webhooks: Idempotency-Key).
 * Every attempt is logged; a failure is retried with exponential backoff and full jitter until the retry policy
 * gives up, and then stays as {@code dead} with its last error — the dead-letter record, which an operator may send
 * again ({@link DeadDeliveryController}).
 */
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DeliveryRepository deliveries;
    private final AlertRepository alerts;
    private final ChannelRepository channels;
    private final ChannelSenders senders;
    private final PurchaseOrderAction purchaseOrders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final int concurrency;
    private final Duration lease;
    private final MeterRegistry registry;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "delivery-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final Object draining = new Object();

    public DeliveryWorker(DeliveryRepository deliveries, AlertRepository alerts, ChannelRepository channels,
                          ChannelSenders senders, PurchaseOrderAction purchaseOrders, RetryPolicy retry,
                          Clock clock, int concurrency, Duration lease, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.channels = channels;
        this.senders = senders;
        this.purchaseOrders = purchaseOrders;
        this.retry = retry;
        this.clock = clock;
        this.concurrency = concurrency;
        this.lease = lease;
        this.registry = registry;
    }

    /** New deliveries are due: drain now instead of at the next tick (one wake-up queued at a time). */
    public void wakeUp() {
        if (wakeUpQueued.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpQueued.set(false);
                drainQuietly();
            });
        }
    }

    @Scheduled(fixedDelayString = "${stockflow.notification.delivery-interval}")
    public void tick() {
        drainQuietly();
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Deliveries paused: {}", e.toString());
        }
    }

    /** Sends everything due now; @return how many deliveries were attempted */
    public int drain() {
        synchronized (draining) {
            int total = 0;
            int claimed;
            do {
                List<Claimed> batch = deliveries.claim(concurrency * 4, lease).block(TIMEOUT);
                claimed = batch.size();
                total += claimed;
                BatchContext context = claimed == 0 ? null : context(batch);
                Flux.fromIterable(batch)
                        .flatMap(delivery -> Mono.fromCallable(() -> attempt(delivery, context))
                                .subscribeOn(Schedulers.boundedElastic()), concurrency)
                        .then().block(TIMEOUT.multipliedBy(2));
            } while (claimed >= concurrency * 4);
            return total;
        }
    }

    /** What a claimed batch's deliveries are about and go through, read in three queries for the whole batch. */
    private record BatchContext(Map<UUID, Alert> alerts, Map<UUID, ChannelRepository.Subscription> subscriptions,
                                Map<UUID, ChannelRepository.StoredChannel> channels) {
    }

    private BatchContext context(List<Claimed> batch) {
        Map<UUID, Alert> alertsById = alerts.getAll(batch.stream().map(Claimed::alertId).toList()).block(TIMEOUT);
        Map<UUID, ChannelRepository.Subscription> subscriptions = channels.subscriptions(batch.stream()
                .map(Claimed::subscriptionId).filter(Objects::nonNull).toList()).block(TIMEOUT);
        Map<UUID, ChannelRepository.StoredChannel> channelsById = channels.channels(subscriptions.values().stream()
                .map(ChannelRepository.Subscription::channelId).toList()).block(TIMEOUT);
        return new BatchContext(alertsById, subscriptions, channelsById);
    }

    private Void attempt(Claimed delivery, BatchContext context) {
        Alert alert = context.alerts().get(delivery.alertId());
        String channelType = delivery.action() != null ? "action" : "unknown";
        DeliveryOutcome outcome;
        if (alert == null) {
            outcome = new DeliveryOutcome(false, false, null, "the alert no longer exists");
        } else if (delivery.action() != null) {
            outcome = purchaseOrders.run(alert, delivery.deliveryId());
        } else {
            ChannelRepository.Subscription subscription = context.subscriptions().get(delivery.subscriptionId());
            ChannelRepository.StoredChannel channel = subscription == null ? null
                    : context.channels().get(subscription.channelId());
            if (subscription == null || !subscription.enabled() || channel == null) {
                outcome = new DeliveryOutcome(false, false, null, "the subscription was disabled or removed");
            } else {
                channelType = channel.type().name().toLowerCase(java.util.Locale.ROOT);
                outcome = senders.send(channel, subscription.address(),
                        message(alert, delivery.deliveryId()));
            }
        }
        record(delivery, outcome, channelType);
        return null;
    }

    static Message message(Alert alert, UUID deliveryId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert_id", alert.alertId().toString());
        data.put("type", alert.type());
        data.put("severity", alert.severity());
        data.put("store_id", alert.storeId());
        data.put("product_id", alert.productId());
        data.put("status", alert.status());
        data.put("occurred_at", alert.occurredAt().toString());
        data.put("details", alert.payload());
        String text = alert.message() + "\n\nStore " + alert.storeId() + (alert.productId() == null ? ""
                : ", product " + alert.productId()) + ". Alert " + alert.alertId() + " (" + alert.type() + ").";
        return new Message(deliveryId, "[" + alert.severity().toUpperCase(java.util.Locale.ROOT) + "] "
                + alert.title(), text, data);
    }

    private void record(Claimed delivery, DeliveryOutcome outcome, String channelType) {
        Instant now = clock.instant();
        String status;
        Instant next = null;
        if (outcome.delivered()) {
            status = "delivered";
            Timer.builder("stockflow.notification.delivery.latency")
                    .description("from an alert's delivery being planned to its acceptance by the channel")
                    .tag("channel", channelType).register(registry)
                    .record(Duration.between(delivery.createdAt(), now));
        } else {
            Optional<Instant> again = outcome.retryable()
                    ? retry.nextAttempt(delivery.attempt() - delivery.replayedAfter(), now) : Optional.empty();
            status = again.isPresent() ? "retrying" : "dead";
            next = again.orElse(null);
        }
        Counter.builder("stockflow.notification.deliveries").description("delivery attempts by channel and outcome")
                .tag("channel", channelType).tag("outcome", status).register(registry).increment();
        String outcomeName = outcome.delivered() ? "delivered" : outcome.retryable() ? "failed_retryable"
                : "failed_permanent";
        deliveries.recordAttempt(delivery.deliveryId(), delivery.attempt(), outcomeName, status, next, outcome)
                .block(TIMEOUT);
        if (status.equals("dead")) {
            log.warn("Delivery {} of alert {} given up after {} attempts: {}", delivery.deliveryId(),
                    delivery.alertId(), delivery.attempt(), outcome.detail());
        }
    }
}
