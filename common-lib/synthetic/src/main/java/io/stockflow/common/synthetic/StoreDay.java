package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sales of one store on one day: draws the units of every SKU, splits them into lines, deals the lines into
 * baskets, times the baskets within the opening hours and numbers them in time order. Each store-day has its own
 * random stream, so it comes out the same whichever days are generated around it.
 */
final class StoreDay {

    /** Mean units on a line beyond the first: most lines are one unit, some two or three. */
    private static final double EXTRA_UNITS_PER_LINE = 0.4;
    /** Share of baskets spread evenly over the opening hours; the rest come in the lunchtime and after-work rushes. */
    private static final double EVEN_SHARE = 0.4;
    private static final double LUNCH_SHARE = 0.25;
    /** Where the rushes peak and how wide they are, as fractions of the opening hours. */
    private static final double LUNCH_PEAK = 0.35;
    private static final double LUNCH_WIDTH = 0.08;
    private static final double AFTER_WORK_PEAK = 0.75;
    private static final double AFTER_WORK_WIDTH = 0.1;

    private final SyntheticPosConfig config;
    private final String storeId;
    private final LocalDate date;
    private final SplittableRandom rng;

    StoreDay(SyntheticPosConfig config, int storeIndex, String storeId, LocalDate date) {
        this.config = config;
        this.storeId = storeId;
        this.date = date;
        this.rng = RandomDraws.stream(config.seed(), RandomDraws.STORE_DAY, storeIndex, date.toEpochDay());
    }

    /** The store's transactions of the day in time order, given each SKU's day and the store's base rates. */
    List<Basket> baskets(List<SkuDay> skuDays, double[] baseRates) {
        List<Item> sold = new ArrayList<>();
        List<Item> returned = new ArrayList<>();
        for (int sku = 0; sku < skuDays.size(); sku++) {
            SkuDay skuDay = skuDays.get(sku);
            String productId = skuDay.sku().productId();
            int units = RandomDraws.negativeBinomial(rng, baseRates[sku] * skuDay.demandFactor(),
                    config.overdispersion());
            while (units > 0) {
                int quantity = Math.min(units, 1 + RandomDraws.geometric(rng, EXTRA_UNITS_PER_LINE));
                units -= quantity;
                Map<String, String> variant = variant(skuDay.sku());
                sold.add(new Item(productId, variant, quantity, skuDay.price(), skuDay.promotion()));
                // Returns (of earlier purchases) come back in proportion to sales, refunded at the regular price.
                if (rng.nextDouble() < config.returnRate()) {
                    returned.add(new Item(productId, variant, -1, skuDay.sku().basePrice(), false));
                }
            }
        }
        RandomDraws.shuffle(rng, sold);
        List<Draft> drafts = new ArrayList<>();
        for (int next = 0; next < sold.size(); ) {
            int end = Math.min(sold.size(), next + 1 + RandomDraws.geometric(rng, config.meanBasketLines() - 1));
            SalesChannel channel = rng.nextDouble() < config.onlineShare() ? SalesChannel.ONLINE : SalesChannel.STORE;
            drafts.add(new Draft(time(), channel, sold.subList(next, end)));
            next = end;
        }
        for (Item item : returned) {
            drafts.add(new Draft(time(), SalesChannel.STORE, List.of(item)));
        }
        drafts.sort(Comparator.comparing(Draft::at));
        String idPrefix = storeId + "-" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-";
        List<Basket> baskets = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            baskets.add(drafts.get(i).basket(transactionId(idPrefix, i + 1), storeId, config.currency()));
        }
        return baskets;
    }

    /** {@code S001-20240101-000123}; hand-made, as {@code String.format} would dominate the generation time. */
    private static String transactionId(String prefix, int number) {
        String digits = Integer.toString(number);
        return prefix + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    /** A variant by its share of sales; null for a SKU without variants. */
    private Map<String, String> variant(SyntheticSku sku) {
        List<SkuVariant> variants = sku.variants();
        if (variants.isEmpty()) {
            return null;
        }
        double target = rng.nextDouble();
        for (SkuVariant variant : variants) {
            target -= variant.share();
            if (target < 0) {
                return variant.attributes();
            }
        }
        return variants.get(variants.size() - 1).attributes(); // shares may sum to a hair under 1
    }

    private Instant time() {
        double fraction;
        do {
            double pick = rng.nextDouble();
            fraction = pick < EVEN_SHARE ? rng.nextDouble()
                    : pick < EVEN_SHARE + LUNCH_SHARE ? LUNCH_PEAK + LUNCH_WIDTH * RandomDraws.gaussian(rng)
                    : AFTER_WORK_PEAK + AFTER_WORK_WIDTH * RandomDraws.gaussian(rng);
        } while (fraction < 0 || fraction >= 1);
        int opens = config.opensAt().toSecondOfDay();
        int openSeconds = config.closesAt().toSecondOfDay() - opens;
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(opens + (long) (fraction * openSeconds));
    }

    /** One transaction of a store-day, its lines numbered from 1. Ordered by time, then id. */
    record Basket(String transactionId, Instant at, List<PosTransaction> lines) implements Comparable<Basket> {

        @Override
        public int compareTo(Basket other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : transactionId.compareTo(other.transactionId);
        }
    }

    private record Item(String productId, Map<String, String> variant, int quantity, BigDecimal price,
                        boolean promotion) {
    }

    private record Draft(Instant at, SalesChannel channel, List<Item> items) {

        Basket basket(String transactionId, String storeId, String currency) {
            List<PosTransaction> lines = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                lines.add(new PosTransaction(transactionId, i + 1, storeId, item.productId(), item.variant(),
                        BigDecimal.valueOf(item.quantity()), item.price(), currency, at, item.promotion(), channel));
            }
            return new Basket(transactionId, at, List.copyOf(lines));
        }
    }
}
