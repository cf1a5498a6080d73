package io.stockflow.common.synthetic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Draws the stores, the SKUs and the base rate of every store × SKU of a config. */
final class Catalogue {

    private static final List<String> SIZES = List.of("S", "M", "L", "XL");
    private static final double[] SIZE_SHARES = {0.2, 0.35, 0.3, 0.15};
    private static final List<String> COLORS = List.of("black", "white", "navy", "grey", "red", "green", "beige");
    private static final ProductCategory[] CATEGORIES = ProductCategory.values();
    private static final double[] CATEGORY_SHARES =
            Arrays.stream(CATEGORIES).mapToDouble(ProductCategory::catalogueShare).toArray();
    private static final BigDecimal NINE_CENTS = new BigDecimal("0.09");
    /** Keeps slow movers slow (under one unit every two days, even at their seasonal peak) in big stores too. */
    private static final double INTERMITTENT_RATE_CAP = 0.25;

    private Catalogue() {
    }

    static List<String> storeIds(SyntheticPosConfig config) {
        return IntStream.rangeClosed(1, config.stores()).mapToObj(i -> String.format("S%03d", i)).toList();
    }

    static List<SyntheticSku> skus(SyntheticPosConfig config) {
        return IntStream.range(0, config.skus()).mapToObj(i -> sku(config, i)).toList();
    }

    /**
     * Mean units a day of each store × SKU: the SKU's rate, times the size of the store, times a local preference.
     * Indexed {@code [store][sku]}.
     */
    static double[][] baseRates(SyntheticPosConfig config, List<SyntheticSku> skus) {
        double[][] rates = new double[config.stores()][skus.size()];
        for (int store = 0; store < config.stores(); store++) {
            double storeSize = RandomDraws.logNormal(RandomDraws.stream(config.seed(), RandomDraws.STORE, store), 1, 0.35);
            for (int sku = 0; sku < skus.size(); sku++) {
                SplittableRandom rng = RandomDraws.stream(config.seed(), RandomDraws.BASE_RATE, store, sku);
                double rate = skus.get(sku).baseDailyRate() * storeSize * RandomDraws.logNormal(rng, 1, 0.25);
                rates[store][sku] = skus.get(sku).intermittent() ? Math.min(rate, INTERMITTENT_RATE_CAP) : rate;
            }
        }
        return rates;
    }

    private static SyntheticSku sku(SyntheticPosConfig config, int index) {
        SplittableRandom rng = RandomDraws.stream(config.seed(), RandomDraws.SKU, index);
        ProductCategory category = CATEGORIES[RandomDraws.weighted(rng, CATEGORY_SHARES, 100)];
        boolean intermittent = rng.nextDouble() < config.intermittentShare();
        // Heavy-tailed popularity: many SKUs sell a unit or two a day, a few fast movers sell dozens.
        double rate = intermittent
                ? RandomDraws.logUniform(rng, 0.04, 0.2)
                : 0.5 + RandomDraws.logNormal(rng, 1, 1.1);
        double amplitude = Math.min(0.9, category.seasonalAmplitude() * (0.6 + 0.8 * rng.nextDouble()));
        int peakDay = Math.floorMod(category.peakDayOfYear() - 1 + (int) Math.round(10 * RandomDraws.gaussian(rng)),
                365) + 1;
        double trend = config.maxAnnualTrend() * (2 * rng.nextDouble() - 1);
        BigDecimal price = shelfPrice(RandomDraws.logNormal(rng, category.medianPrice(), 0.45));
        return new SyntheticSku(String.format("SKU-%05d", index + 1), category, price, intermittent, rate,
                amplitude, peakDay, trend, variants(rng, category));
    }

    /** Cut to the ten cents below and ending in 9, as shelf prices do: 12.34 becomes 12.39. */
    private static BigDecimal shelfPrice(double price) {
        long dimes = Math.max(2, (long) Math.floor(price * 10));
        return BigDecimal.valueOf(dimes, 1).add(NINE_CENTS);
    }

    private static List<SkuVariant> variants(SplittableRandom rng, ProductCategory category) {
        if (rng.nextDouble() >= category.variantShare()) {
            return List.of();
        }
        List<String> colors = new ArrayList<>(COLORS);
        RandomDraws.shuffle(rng, colors);
        colors = colors.subList(0, 2 + rng.nextInt(3));
        double[] colorShares = new double[colors.size()];
        double total = 0;
        for (int i = 0; i < colorShares.length; i++) {
            colorShares[i] = RandomDraws.gamma(rng, 2);
            total += colorShares[i];
        }
        List<SkuVariant> variants = new ArrayList<>();
        for (int c = 0; c < colors.size(); c++) {
            double colorShare = colorShares[c] / total;
            if (category.sized()) {
                for (int s = 0; s < SIZES.size(); s++) {
                    variants.add(new SkuVariant(Map.of("size", SIZES.get(s), "color", colors.get(c)),
                            SIZE_SHARES[s] * colorShare));
                }
            } else {
                variants.add(new SkuVariant(Map.of("color", colors.get(c)), colorShare));
            }
        }
        return variants;
    }
}
