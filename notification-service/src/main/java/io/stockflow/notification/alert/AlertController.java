package io.stockflow.notification.alert;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.notification.delivery.DeliveryRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Alerts, their delivery log, acknowledging and resolving them. */
@RestController
class AlertController {

    private static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");

    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;

    AlertController(AlertRepository alerts, DeliveryRepository deliveries) {
        this.alerts = alerts;
        this.deliveries = deliveries;
    }

    record AlertPage(List<Alert> alerts, Instant nextBefore) {
    }

    record AlertDetail(Alert alert, List<DeliveryRepository.DeliveryView> deliveries) {
    }

    /** Newest first; page back with {@code before} = the last {@code received_at} seen. */
    @GetMapping("/api/alerts")
    Mono<AlertPage> find(@RequestParam(required = false) String status,
                         @RequestParam(required = false) String type,
                         @RequestParam(required = false) String severity,
                         @RequestParam(name = "store_id", required = false) String storeId,
                         @RequestParam(name = "product_id", required = false) String productId,
                         @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                         @RequestParam(required = false) Instant before,
                         @RequestParam(defaultValue = "50") int limit) {
        if (status != null && !STATUSES.contains(status) || limit < 1 || limit > 500
                || severity != null && !Set.of("info", "warning", "critical").contains(severity)) {
            throw new ApiProblemException(Problems.invalidInput("invalid query", List.of(
                    FieldViolation.of("status", "invalid_value", "one of " + STATUSES),
                    FieldViolation.of("severity", "invalid_value", "info, warning or critical"),
                    FieldViolation.of("limit", "out_of_range", "1 to 500"))));
        }
        return alerts.find(status, type, severity, storeId, productId, from, to, before, limit).collectList()
                .map(page -> new AlertPage(page, page.size() < limit ? null
                        : page.get(page.size() - 1).receivedAt()));
    }

    @GetMapping("/api/alerts/{id}")
    Mono<AlertDetail> get(@PathVariable UUID id) {
        return alert(id).zipWith(deliveries.ofAlert(id), AlertDetail::new);
    }

    /** Each delivery: channel, address, attempts, status, last error, and every attempt. */
    @GetMapping("/api/alerts/{id}/deliveries")
    Mono<List<DeliveryRepository.DeliveryView>> deliveries(@PathVariable UUID id) {
        return alert(id).then(deliveries.ofAlert(id));
    }

    /** Stops escalation; 409 when the alert is not open. */
    @PostMapping("/api/alerts/{id}/ack")
    Mono<Alert> acknowledge(@PathVariable UUID id, ServerWebExchange exchange) {
        return alert(id).flatMap(alert -> alerts.acknowledge(id, actor(exchange))
                .switchIfEmpty(Mono.error(() -> conflict(alert, "acknowledged"))));
    }

    @PostMapping("/api/alerts/{id}/resolve")
    Mono<Alert> resolve(@PathVariable UUID id, ServerWebExchange exchange) {
        return alert(id).flatMap(alert -> alerts.resolve(id, actor(exchange))
                .switchIfEmpty(Mono.error(() -> conflict(alert, "resolved"))));
    }

    private Mono<Alert> alert(UUID id) {
        return alerts.get(id).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "alert-not-found", "Unknown alert", "no alert " + id)));
    }

    private static RuntimeException conflict(Alert alert, String wanted) {
        return Problems.exception(HttpStatus.CONFLICT, "invalid-transition", "Not allowed in this status",
                "alert " + alert.alertId() + " is " + alert.status() + "; it cannot be " + wanted);
    }

    private static String actor(ServerWebExchange exchange) {
        return CurrentCaller.of(exchange).map(AuthenticatedPrincipal::subject).orElse(null);
    }
}
