package io.stockflow.common.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a writer wrote.
 *
 * @param rowsWritten   data rows (CSV, header not counted) or array elements (JSON), bad rows included
 * @param badRowsByKind how many rows of each kind were written in place of a valid row; every kind is present
 */
public record SyntheticWriteSummary(long rowsWritten, Map<BadRowKind, Long> badRowsByKind) {

    public SyntheticWriteSummary {
        EnumMap<BadRowKind, Long> complete = new EnumMap<>(BadRowKind.class);
        for (BadRowKind kind : BadRowKind.values()) {
            complete.put(kind, badRowsByKind.getOrDefault(kind, 0L));
        }
        badRowsByKind = Collections.unmodifiableMap(complete);
    }

    public long badRows() {
        return badRowsByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
