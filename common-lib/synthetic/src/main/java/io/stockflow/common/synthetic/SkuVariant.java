package io.stockflow.common.synthetic;

import java.util.Map;

/**
 * One variant of a SKU and its share of the SKU's sales.
 *
 * @param attributes e.g. {@code {"size":"M","color":"navy"}}, as in {@code PosTransaction.variant}
 * @param share      fraction of the SKU's units sold in this variant; the shares of a SKU sum to 1
 */
public record SkuVariant(Map<String, String> attributes, double share) {

    public SkuVariant {
        attributes = Map.copyOf(attributes);
    }
}
