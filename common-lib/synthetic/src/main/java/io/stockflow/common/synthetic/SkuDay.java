package io.stockflow.common.synthetic;

import java.math.BigDecimal;

/**
 * How one SKU sells on one day in every store.
 *
 * @param demandFactor what multiplies a store's base rate into its expected demand: weekday, season, trend and
 *                     promotion uplift together
 * @param price        unit price of the day, promotional or regular
 * @param promotion    whether the SKU is on promotion
 */
record SkuDay(SyntheticSku sku, double demandFactor, BigDecimal price, boolean promotion) {
}
