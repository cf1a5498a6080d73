package io.stockflow.notification.routing;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import io.stockflow.notification.channel.ChannelRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Alert rules. Unknown fields, unknown alert types and unknown subscriptions are refused with 400. */
@RestController
class RuleController {

    private final RuleRepository rules;
    private final ChannelRepository channels;

    RuleController(RuleRepository rules, ChannelRepository channels) {
        this.rules = rules;
        this.channels = channels;
    }

    @PostMapping("/api/notifications/rules")
    Mono<ResponseEntity<Rule>> create(@RequestBody RuleDefinition definition) {
        UUID id = UUID.randomUUID();
        return checked(definition).then(rules.save(id, definition))
                .map(rule -> ResponseEntity.created(URI.create("/api/notifications/rules/" + id)).body(rule));
    }

    @PutMapping("/api/notifications/rules/{id}")
    Mono<Rule> replace(@PathVariable UUID id, @RequestBody RuleDefinition definition) {
        return rule(id).then(checked(definition)).then(rules.save(id, definition));
    }

    @GetMapping("/api/notifications/rules")
    Mono<List<Rule>> all() {
        return rules.all().collectList();
    }

    @GetMapping("/api/notifications/rules/{id}")
    Mono<Rule> get(@PathVariable UUID id) {
        return rule(id);
    }

    /** 204; a rule that has routed alerts keeps its history and is disabled instead (200 with the rule). */
    @DeleteMapping("/api/notifications/rules/{id}")
    Mono<ResponseEntity<Rule>> delete(@PathVariable UUID id) {
        return rule(id).flatMap(rule -> rules.delete(id).flatMap(deleted -> deleted
                ? Mono.just(ResponseEntity.noContent().<Rule>build())
                : rules.save(id, disabled(rule.definition())).map(ResponseEntity::ok)));
    }

    private static RuleDefinition disabled(RuleDefinition d) {
        return new RuleDefinition(d.name(), false, d.alertTypes(), d.minSeverity(), d.storeIds(), d.productIds(),
                d.productPattern(), d.conditions(), d.quietHours(), d.dedupWindowMinutes(), d.throttle(),
                d.subscriptionIds(), d.escalation(), d.createPurchaseOrder());
    }

    private Mono<Rule> rule(UUID id) {
        return rules.get(id).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "rule-not-found", "Unknown rule", "no rule " + id)));
    }

    private Mono<Void> checked(RuleDefinition definition) {
        List<FieldViolation> errors = new java.util.ArrayList<>(definition.violations().stream()
                .map(error -> FieldViolation.of(error[0], "invalid_value", error[1])).toList());
        Set<UUID> named = definition.allSubscriptions();
        return channels.subscriptions(named).doOnNext(found -> {
            Set<UUID> missing = new HashSet<>(named);
            missing.removeAll(found.keySet());
            missing.forEach(id -> errors.add(FieldViolation.of("subscription_ids", "unknown_subscription",
                    "no subscription " + id)));
            if (!errors.isEmpty()) {
                throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s)", errors));
            }
        }).then();
    }
}
