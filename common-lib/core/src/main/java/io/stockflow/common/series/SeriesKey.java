package io.stockflow.common.series;

import java.util.Objects;

/**
 * The Kafka key of every per-series topic: {@code store_id|product_id}. One demand series therefore always lands
 * in one partition, so its events stay in order for every consumer. Ids may not contain {@code |}
 * (ingestion rejects them), which keeps the key unambiguous.
 */
public record SeriesKey(String storeId, String productId) {

    public static final char SEPARATOR = '|';

    public SeriesKey {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(productId, "productId");
        if (storeId.indexOf(SEPARATOR) >= 0 || productId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("ids must not contain '" + SEPARATOR + "'");
        }
    }

    public static SeriesKey parse(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a series key: " + key);
        }
        return new SeriesKey(key.substring(0, at), key.substring(at + 1));
    }

    @Override
    public String toString() {
        return storeId + SEPARATOR + productId;
    }
}
