package io.stockflow.common.synthetic;

import java.math.BigDecimal;
import java.util.List;

/**
 * A SKU of the synthetic catalogue with the parameters its demand is generated from.
 *
 * @param productId         {@code SKU-00001}, ...
 * @param basePrice         regular shelf price, ending in .x9
 * @param intermittent      whether it is a slow mover: well under one unit a day per store, most days none
 * @param baseDailyRate     mean units a day in a store of average size, before season, trend and promotions
 * @param seasonalAmplitude amplitude of its yearly cycle, relative to the yearly mean
 * @param seasonalPeakDay   day of the year (1-365) when its demand peaks
 * @param annualTrend       yearly growth (negative: decline), e.g. 0.1 for +10 % a year
 * @param variants          its variants, empty when it has none
 */
public record SyntheticSku(
        String productId,
        ProductCategory category,
        BigDecimal basePrice,
        boolean intermittent,
        double baseDailyRate,
        double seasonalAmplitude,
        int seasonalPeakDay,
        double annualTrend,
        List<SkuVariant> variants) {

    public SyntheticSku {
        variants = List.copyOf(variants);
    }
}
