package io.stockflow.notification.alert;

import java.util.Locale;

/** How bad an alert is, in increasing order. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public static Severity of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
