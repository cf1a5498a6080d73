package io.stockflow.notification.channel;

import java.util.Map;

/** A channel's configuration: plain settings, and secrets that are written through the API but never read back. */
public record ChannelConfig(ChannelType type, Map<String, String> settings, Map<String, String> secrets) {

    String setting(String key, String fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    String secret(String key) {
        return secrets.get(key);
    }
}
