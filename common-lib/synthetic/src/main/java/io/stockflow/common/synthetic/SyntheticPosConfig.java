package io.stockflow.common.synthetic;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * What to generate. The same config always yields the same history.
 *
 * @param seed                    source of all randomness
 * @param stores                  stores {@code S001}, {@code S002}, ... (at most 999)
 * @param skus                    SKUs {@code SKU-00001}, ... (at most 99 999)
 * @param startDate               first day of the history
 * @param days                    length of the history
 * @param currency                ISO 4217 code of every price
 * @param intermittentShare       share of SKUs that sell less than once every two days on average
 * @param promotionsPerSkuPerYear how often a regular SKU goes on promotion
 * @param maxAnnualTrend          bound of each SKU's yearly growth or decline, e.g. 0.15 for ±15 %
 * @param overdispersion          extra variance of daily counts, {@code var = mean + overdispersion * mean²};
 *                                0 for Poisson
 * @param returnRate              chance that a sold line is matched by a one-unit return the same day
 * @param onlineShare             share of baskets sold online
 * @param meanBasketLines         mean number of lines per basket, at least 1
 * @param opensAt                 store opening time, UTC
 * @param closesAt                store closing time, UTC
 */
public record SyntheticPosConfig(
        long seed,
        int stores,
        int skus,
        LocalDate startDate,
        int days,
        String currency,
        double intermittentShare,
        double promotionsPerSkuPerYear,
        double maxAnnualTrend,
        double overdispersion,
        double returnRate,
        double onlineShare,
        double meanBasketLines,
        LocalTime opensAt,
        LocalTime closesAt) {

    public SyntheticPosConfig {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        require(stores >= 1 && stores <= 999, "stores must be 1..999");
        require(skus >= 1 && skus <= 99_999, "skus must be 1..99999");
        require(days >= 1, "days must be positive");
        require(currency.matches("[A-Z]{3}"), "currency must be an ISO 4217 code");
        require(isShare(intermittentShare), "intermittentShare must be in [0, 1]");
        require(promotionsPerSkuPerYear >= 0, "promotionsPerSkuPerYear must not be negative");
        require(maxAnnualTrend >= 0 && maxAnnualTrend < 1, "maxAnnualTrend must be in [0, 1)");
        require(overdispersion >= 0, "overdispersion must not be negative");
        require(isShare(returnRate), "returnRate must be in [0, 1]");
        require(isShare(onlineShare), "onlineShare must be in [0, 1]");
        require(meanBasketLines >= 1, "meanBasketLines must be at least 1");
        require(opensAt.isBefore(closesAt), "stores must open before they close");
    }

    /** Ten stores, 200 SKUs, the year 2024 in euros: a demo-sized history of about a million lines. */
    public static SyntheticPosConfig defaults() {
        return new SyntheticPosConfig(42, 10, 200, LocalDate.of(2024, 1, 1), 366, "EUR",
                0.18, 4, 0.15, 0.2, 0.01, 0.1, 2.5, LocalTime.of(8, 0), LocalTime.of(20, 0));
    }

    public SyntheticPosConfig withSeed(long newSeed) {
        return new SyntheticPosConfig(newSeed, stores, skus, startDate, days, currency, intermittentShare,
                promotionsPerSkuPerYear, maxAnnualTrend, overdispersion, returnRate, onlineShare, meanBasketLines,
                opensAt, closesAt);
    }

    public SyntheticPosConfig withScale(int newStores, int newSkus) {
        return new SyntheticPosConfig(seed, newStores, newSkus, startDate, days, currency, intermittentShare,
                promotionsPerSkuPerYear, maxAnnualTrend, overdispersion, returnRate, onlineShare, meanBasketLines,
                opensAt, closesAt);
    }

    public SyntheticPosConfig withPeriod(LocalDate newStartDate, int newDays) {
        return new SyntheticPosConfig(seed, stores, skus, newStartDate, newDays, currency, intermittentShare,
                promotionsPerSkuPerYear, maxAnnualTrend, overdispersion, returnRate, onlineShare, meanBasketLines,
                opensAt, closesAt);
    }

    /** The day after the last day of the history. */
    public LocalDate endDate() {
        return startDate.plusDays(days);
    }

    private static boolean isShare(double value) {
        return value >= 0 && value <= 1;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
