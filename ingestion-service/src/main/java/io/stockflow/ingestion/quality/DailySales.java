package io.stockflow.ingestion.quality;

import java.time.LocalDate;

/** Accepted sales of one SKU in one store on one day, as kept in {@code sku_daily_sales}. */
public record DailySales(String storeId, String productId, LocalDate date, double units, long promoLines,
                         long regularLines, double regularPriceSum, Double regularMinPrice,
                         Double regularMaxPrice) {

    public boolean hasRegularPrice() {
        return regularLines > 0;
    }

    public double regularMeanPrice() {
        return regularPriceSum / regularLines;
    }
}
