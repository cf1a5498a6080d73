package io.stockflow.common.pos;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a sale happened. Written in lower case on the wire. */
public enum SalesChannel {
    STORE, ONLINE, MOBILE, MARKETPLACE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SalesChannel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
    }
}
