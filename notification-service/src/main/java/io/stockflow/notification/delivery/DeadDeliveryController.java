package io.stockflow.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.notification.alert.Alert;
import io.stockflow.notification.alert.AlertRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The dead letters of delivery: deliveries the retry policy gave up on, listed across alerts, and sent again once
 * the cause is mended (a receiver back up, a channel's credentials corrected) — one, or all of a channel or period.
 */
@RestController
class DeadDeliveryController {

    /** Named deliveries per request; a larger set is retried by channel or period. */
    private static final int MAX_NAMED = 1_000;

    private final DeliveryRepository deliveries;
    private final AlertRepository alerts;
    private final DeliveryWorker worker;
    private final Counter retried;

    DeadDeliveryController(DeliveryRepository deliveries, AlertRepository alerts, DeliveryWorker worker,
                           MeterRegistry registry) {
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.worker = worker;
        this.retried = Counter.builder("stockflow.notification.dead.deliveries.retried")
                .description("dead deliveries sent again by an operator").register(registry);
    }

    record DeadPage(List<DeliveryRepository.DeadDelivery> deliveries, String nextCursor) {
    }

    /** Which dead deliveries to send again; every field left out admits all. */
    record RetryRequest(UUID channelId, Instant from, Instant to, List<UUID> deliveryIds) {
    }

    record RetryAnswer(int retried, List<UUID> deliveryIds) {
    }

    /** Newest first; page on with {@code cursor} = the {@code next_cursor} of the page before. */
    @GetMapping("/api/notifications/dead-deliveries")
    Mono<DeadPage> list(@RequestParam(name = "channel_id", required = false) UUID channelId,
                        @RequestParam(name = "alert_id", required = false) UUID alertId,
                        @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(defaultValue = "50") int limit) {
        List<FieldViolation> errors = new ArrayList<>(period(from, to));
        if (limit < 1 || limit > 500) {
            errors.add(FieldViolation.of("limit", "out_of_range", "1 to 500"));
        }
        DeliveryRepository.DeadCursor after = cursor == null ? null : parseCursor(cursor, errors);
        refuseIfAny(errors);
        return deliveries.dead(new DeliveryRepository.DeadFilter(channelId, from, to, null, alertId), after, limit)
                .collectList()
                .map(page -> new DeadPage(page, page.size() < limit ? null : cursorOf(page.get(page.size() - 1))));
    }

    /** Sends the chosen dead deliveries again now; those of resolved alerts stay dead. */
    @PostMapping("/api/notifications/dead-deliveries/retry")
    Mono<RetryAnswer> retry(@RequestBody RetryRequest request) {
        List<FieldViolation> errors = new ArrayList<>(period(request.from(), request.to()));
        if (request.deliveryIds() != null && request.deliveryIds().size() > MAX_NAMED) {
            errors.add(FieldViolation.of("delivery_ids", "too_many", "at most " + MAX_NAMED
                    + "; retry more by channel_id or period"));
        }
        refuseIfAny(errors);
        return retryDead(new DeliveryRepository.DeadFilter(request.channelId(), request.from(), request.to(),
                request.deliveryIds(), null)).map(ids -> new RetryAnswer(ids.size(), ids));
    }

    /** One dead delivery of an alert, sent again now; 409 when it is not dead or its alert is resolved. */
    @PostMapping("/api/alerts/{alertId}/deliveries/{deliveryId}/retry")
    Mono<DeliveryRepository.DeliveryView> retryOne(@PathVariable UUID alertId, @PathVariable UUID deliveryId) {
        // The update decides (only a dead delivery of an unresolved alert changes); the lookups only explain a no.
        return retryDead(new DeliveryRepository.DeadFilter(null, null, null, List.of(deliveryId), alertId))
                .flatMap(retried -> retried.isEmpty() ? refusal(alertId, deliveryId) : Mono.empty())
                .then(deliveries.ofAlert(alertId))
                .map(views -> views.stream().filter(d -> d.deliveryId().equals(deliveryId)).findFirst()
                        .orElseThrow());
    }

    private Mono<Void> refusal(UUID alertId, UUID deliveryId) {
        return alerts.get(alertId)
                .switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND, "alert-not-found",
                        "Unknown alert", "no alert " + alertId)))
                .zipWith(deliveries.ofAlert(alertId))
                .flatMap(found -> {
                    Alert alert = found.getT1();
                    String status = found.getT2().stream().filter(d -> d.deliveryId().equals(deliveryId))
                            .map(DeliveryRepository.DeliveryView::status).findFirst()
                            .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "delivery-not-found",
                                    "Unknown delivery", "alert " + alertId + " has no delivery " + deliveryId));
                    return Mono.error(Problems.exception(HttpStatus.CONFLICT, "invalid-transition",
                            "Not allowed in this status", "delivery " + deliveryId + " is " + status
                                    + " and its alert " + alert.status() + "; only a dead delivery of an alert "
                                    + "that is not resolved can be sent again"));
                });
    }

    private Mono<List<UUID>> retryDead(DeliveryRepository.DeadFilter filter) {
        return deliveries.retryDead(filter).doOnNext(ids -> {
            retried.increment(ids.size());
            if (!ids.isEmpty()) {
                worker.wakeUp();
            }
        });
    }

    private static List<FieldViolation> period(Instant from, Instant to) {
        return from != null && to != null && !from.isBefore(to)
                ? List.of(FieldViolation.of("to", "invalid_range", "must be after from")) : List.of();
    }

    private static String cursorOf(DeliveryRepository.DeadDelivery last) {
        return last.createdAt() + "_" + last.deliveryId();
    }

    private static DeliveryRepository.DeadCursor parseCursor(String cursor, List<FieldViolation> errors) {
        int split = cursor.indexOf('_');
        try {
            return new DeliveryRepository.DeadCursor(Instant.parse(cursor.substring(0, split)),
                    UUID.fromString(cursor.substring(split + 1)));
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            errors.add(FieldViolation.of("cursor", "invalid_value", "the next_cursor of a page"));
            return null;
        }
    }

    private static void refuseIfAny(List<FieldViolation> errors) {
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid request", errors));
        }
    }
}
