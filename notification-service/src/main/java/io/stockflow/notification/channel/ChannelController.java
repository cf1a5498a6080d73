package io.stockflow.notification.channel;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
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
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Channels (with write-only secrets) and subscriptions. An address is checked for its channel: an email address,
 * an E.164 phone number, a public https URL (private, loopback and link-local targets refused unless an operator
 * allowed them), a device token.
 */
@RestController
class ChannelController {

    /** Settings and secrets each channel type needs. */
    private static final Map<ChannelType, List<String>> REQUIRED_SETTINGS = Map.of(
            ChannelType.EMAIL, List.of("host", "port", "from"),
            ChannelType.SMS, List.of("account_sid", "from"),
            ChannelType.WEBHOOK, List.of(),
            ChannelType.PUSH, List.of("project_id", "client_email"));
    private static final Map<ChannelType, List<String>> REQUIRED_SECRETS = Map.of(
            ChannelType.EMAIL, List.of(),
            ChannelType.SMS, List.of("auth_token"),
            ChannelType.WEBHOOK, List.of("signing_secret"),
            ChannelType.PUSH, List.of("private_key"));

    private final ChannelRepository channels;
    private final UrlGuard guard;

    ChannelController(ChannelRepository channels, UrlGuard guard) {
        this.channels = channels;
        this.guard = guard;
    }

    record ChannelRequest(String name, String type, Map<String, String> settings, Map<String, String> secrets) {
    }

    /** A channel as the API shows it: its secrets by name only. */
    record ChannelView(UUID channelId, String name, String type, Map<String, String> settings,
                       Set<String> secretNames, Instant createdAt, Instant updatedAt) {

        static ChannelView of(ChannelRepository.StoredChannel channel) {
            return new ChannelView(channel.channelId(), channel.name(), channel.type().name().toLowerCase(Locale.ROOT),
                    channel.settings(), channel.secretNames(), channel.createdAt(), channel.updatedAt());
        }
    }

    record SubscriptionRequest(String name, UUID channelId, String address, Boolean enabled) {
    }

    @PostMapping("/api/notifications/channels")
    Mono<ResponseEntity<ChannelView>> createChannel(@RequestBody ChannelRequest request) {
        UUID id = UUID.randomUUID();
        return saveChannel(id, request, Set.of()).map(view -> ResponseEntity
                .created(URI.create("/api/notifications/channels/" + id)).body(view));
    }

    @PutMapping("/api/notifications/channels/{id}")
    Mono<ChannelView> replaceChannel(@PathVariable UUID id, @RequestBody ChannelRequest request) {
        return channel(id).flatMap(existing -> saveChannel(id, request, existing.secretNames()));
    }

    @GetMapping("/api/notifications/channels")
    Mono<List<ChannelView>> channels() {
        return channels.channels().map(ChannelView::of).collectList();
    }

    @GetMapping("/api/notifications/channels/{id}")
    Mono<ChannelView> getChannel(@PathVariable UUID id) {
        return channel(id).map(ChannelView::of);
    }

    @DeleteMapping("/api/notifications/channels/{id}")
    Mono<ResponseEntity<Void>> deleteChannel(@PathVariable UUID id) {
        return channel(id).then(channels.deleteChannel(id)).map(deleted -> {
            if (!deleted) {
                throw Problems.exception(HttpStatus.CONFLICT, "channel-in-use", "Channel in use",
                        "subscriptions still use channel " + id + "; remove them first");
            }
            return ResponseEntity.noContent().<Void>build();
        });
    }

    private Mono<ChannelView> saveChannel(UUID id, ChannelRequest request, Set<String> secretsKept) {
        List<FieldViolation> errors = new ArrayList<>();
        ChannelType type = null;
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(FieldViolation.of("name", "invalid_value", "1 to 200 characters"));
        }
        try {
            type = ChannelType.valueOf(String.valueOf(request.type()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.add(FieldViolation.of("type", "invalid_value", "one of email, sms, webhook, push"));
        }
        Map<String, String> settings = request.settings() == null ? Map.of() : request.settings();
        Map<String, String> secrets = request.secrets() == null ? Map.of() : request.secrets();
        if (type != null) {
            for (String key : REQUIRED_SETTINGS.get(type)) {
                if (settings.get(key) == null || settings.get(key).isBlank()) {
                    errors.add(FieldViolation.of("settings." + key, "required", "a " + type.name()
                            .toLowerCase(Locale.ROOT) + " channel needs it"));
                }
            }
            for (String key : REQUIRED_SECRETS.get(type)) {
                if ((secrets.get(key) == null || secrets.get(key).isBlank()) && !secretsKept.contains(key)) {
                    errors.add(FieldViolation.of("secrets." + key, "required", "a " + type.name()
                            .toLowerCase(Locale.ROOT) + " channel needs it"));
                }
            }
            settingsErrors(type, settings).ifPresent(errors::add);
            ChannelEndpoints.refusals(guard, type, settings)
                    .forEach((field, reason) -> errors.add(FieldViolation.of(field, "invalid_url", reason)));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s)", errors));
        }
        ChannelType chosen = type;
        return channels.nameTaken(request.name(), id).flatMap(taken -> {
            if (taken) {
                throw Problems.exception(HttpStatus.CONFLICT, "channel-name-taken", "Name taken",
                        "a channel named " + request.name() + " exists");
            }
            return channels.saveChannel(id, request.name(), chosen, settings, secrets).map(ChannelView::of);
        });
    }

    private static Optional<FieldViolation> settingsErrors(ChannelType type, Map<String, String> settings) {
        if (type == ChannelType.EMAIL) {
            try {
                int port = Integer.parseInt(String.valueOf(settings.get("port")));
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException bad) {
                return Optional.of(FieldViolation.of("settings.port", "invalid_value", "a port number"));
            }
            return Addresses.email(String.valueOf(settings.get("from")))
                    .map(error -> FieldViolation.of("settings.from", "invalid_email", error));
        }
        if (type == ChannelType.SMS) {
            Optional<FieldViolation> from = Addresses.e164(String.valueOf(settings.get("from")))
                    .map(error -> FieldViolation.of("settings.from", "invalid_phone", error));
            return from;
        }
        return Optional.empty();
    }

    @PostMapping("/api/notifications/subscriptions")
    Mono<ResponseEntity<ChannelRepository.Subscription>> createSubscription(@RequestBody SubscriptionRequest request) {
        UUID id = UUID.randomUUID();
        return saveSubscription(id, request).map(saved -> ResponseEntity
                .created(URI.create("/api/notifications/subscriptions/" + id)).body(saved));
    }

    @PutMapping("/api/notifications/subscriptions/{id}")
    Mono<ChannelRepository.Subscription> replaceSubscription(@PathVariable UUID id,
                                                             @RequestBody SubscriptionRequest request) {
        return subscription(id).then(saveSubscription(id, request));
    }

    @GetMapping("/api/notifications/subscriptions")
    Mono<List<ChannelRepository.Subscription>> subscriptions() {
        return channels.subscriptions().collectList();
    }

    @GetMapping("/api/notifications/subscriptions/{id}")
    Mono<ChannelRepository.Subscription> getSubscription(@PathVariable UUID id) {
        return subscription(id);
    }

    /** 204; a subscription with deliveries in the log is disabled instead (200). */
    @DeleteMapping("/api/notifications/subscriptions/{id}")
    Mono<ResponseEntity<Map<String, String>>> deleteSubscription(@PathVariable UUID id) {
        return subscription(id).then(channels.deleteSubscription(id)).map(result -> result.equals("deleted")
                ? ResponseEntity.noContent().<Map<String, String>>build()
                : ResponseEntity.ok(Map.of("status", result)));
    }

    private Mono<ChannelRepository.Subscription> saveSubscription(UUID id, SubscriptionRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(FieldViolation.of("name", "invalid_value", "1 to 200 characters"));
        }
        if (request.channelId() == null) {
            errors.add(FieldViolation.of("channel_id", "required", "the channel to deliver on"));
        }
        if (request.address() == null || request.address().isBlank() || request.address().length() > 2000) {
            errors.add(FieldViolation.of("address", "required", "1 to 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput(errors.size() + " invalid field(s)", errors));
        }
        return channels.channel(request.channelId())
                .switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.invalidInput("unknown channel",
                        List.of(FieldViolation.of("channel_id", "unknown_channel", "no channel "
                                + request.channelId()))))))
                // Checking a webhook URL resolves its host: off the event loop.
                .flatMap(channel -> Mono.fromCallable(() -> addressError(channel.type(), request.address()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(error -> {
                    if (error.isPresent()) {
                        throw new ApiProblemException(Problems.invalidInput(error.get().message(),
                                List.of(error.get())));
                    }
                    return channels.saveSubscription(id, request.name(), request.channelId(), request.address(),
                            !Boolean.FALSE.equals(request.enabled()));
                });
    }

    private Optional<FieldViolation> addressError(ChannelType type, String address) {
        return switch (type) {
            case EMAIL -> Addresses.email(address).map(e -> FieldViolation.of("address", "invalid_email", e));
            case SMS -> Addresses.e164(address).map(e -> FieldViolation.of("address", "invalid_phone", e));
            case WEBHOOK -> Addresses.url(address, guard.allowsHttp(address))
                    .or(() -> guard.refusal(address))
                    .map(e -> FieldViolation.of("address", "invalid_url", e));
            case PUSH -> address.length() > 4096 || address.isBlank()
                    ? Optional.of(FieldViolation.of("address", "invalid_value", "a device registration token"))
                    : Optional.empty();
        };
    }

    private Mono<ChannelRepository.StoredChannel> channel(UUID id) {
        return channels.channel(id).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "channel-not-found", "Unknown channel", "no channel " + id)));
    }

    private Mono<ChannelRepository.Subscription> subscription(UUID id) {
        return channels.subscription(id).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "subscription-not-found", "Unknown subscription", "no subscription " + id)));
    }
}
