package io.stockflow.notification.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider endpoints a channel's settings point its deliveries at (an SMTP relay, an SMS API, the FCM and
 * token endpoints), judged by the SSRF guard like webhook targets: a planner must not be able to aim the service at
 * the internal network through a channel either. Defaults (Twilio, Google) are public and not listed.
 */
final class ChannelEndpoints {

    /** @param field the setting's name as the API reports it */
    record Endpoint(String field, String url, boolean isHttp) {
    }

    private ChannelEndpoints() {
    }

    static List<Endpoint> of(ChannelType type, Map<String, String> settings) {
        List<Endpoint> endpoints = new ArrayList<>();
        switch (type) {
            case EMAIL -> {
                String host = settings.get("host");
                if (host != null && !host.isBlank()) {
                    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
                    String port = settings.getOrDefault("port", "25");
                    // A malformed port is reported on its own; the host is still judged.
                    endpoints.add(new Endpoint("settings.host", "smtp://" + bracketed
                            + (port.matches("\\d{1,5}") ? ":" + port : ""), false));
                }
            }
            case SMS -> add(endpoints, settings, "base_url");
            case PUSH -> {
                add(endpoints, settings, "endpoint");
                add(endpoints, settings, "token_uri");
            }
            case WEBHOOK -> {
                // its target is each subscription's address, checked on its own
            }
        }
        return endpoints;
    }

    private static void add(List<Endpoint> endpoints, Map<String, String> settings, String key) {
        String url = settings.get(key);
        if (url != null) {
            endpoints.add(new Endpoint("settings." + key, url, true));
        }
    }

    /** Each endpoint that may not be used, as setting name → reason. */
    static Map<String, String> refusals(UrlGuard guard, ChannelType type, Map<String, String> settings) {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (Endpoint endpoint : of(type, settings)) {
            (endpoint.isHttp() ? Addresses.url(endpoint.url(), guard.allowsHttp(endpoint.url()))
                    : Optional.<String>empty())
                    .or(() -> guard.refusal(endpoint.url()))
                    .ifPresent(reason -> refused.put(endpoint.field(), reason));
        }
        return refused;
    }
}
