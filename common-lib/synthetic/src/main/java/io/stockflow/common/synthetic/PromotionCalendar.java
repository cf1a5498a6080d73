package io.stockflow.common.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** The promotions of every SKU over the history, planned up front so that they can be inspected. */
final class PromotionCalendar {

    /** Retailers space the promotions of one item out: at least this many days without one between two. */
    private static final int MIN_DAYS_BETWEEN = 14;
    private static final double MEAN_DURATION_DAYS = 5;

    private final List<List<PromotionWindow>> bySku;

    PromotionCalendar(SyntheticPosConfig config, List<SyntheticSku> skus) {
        bySku = IntStream.range(0, skus.size()).mapToObj(i -> plan(config, i, skus.get(i))).toList();
    }

    Optional<PromotionWindow> on(int sku, LocalDate date) {
        for (PromotionWindow window : bySku.get(sku)) {
            if (window.covers(date)) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }

    /** All windows by first day, then product. */
    List<PromotionWindow> all() {
        return bySku.stream().flatMap(List::stream)
                .sorted(Comparator.comparing(PromotionWindow::firstDay).thenComparing(PromotionWindow::productId))
                .toList();
    }

    private static List<PromotionWindow> plan(SyntheticPosConfig config, int index, SyntheticSku sku) {
        // Promotions go to regular sellers: on an item that sells once a week an uplift would hardly show.
        if (sku.intermittent() || config.promotionsPerSkuPerYear() == 0) {
            return List.of();
        }
        SplittableRandom rng = RandomDraws.stream(config.seed(), RandomDraws.PROMOTION, index);
        // Idle time between windows, chosen so that windows start 365 / promotionsPerSkuPerYear days apart on average.
        double meanIdleDays = Math.max(0,
                365 / config.promotionsPerSkuPerYear() - MIN_DAYS_BETWEEN - MEAN_DURATION_DAYS);
        List<PromotionWindow> windows = new ArrayList<>();
        LocalDate first = config.startDate().plusDays((long) RandomDraws.exponential(rng, meanIdleDays));
        while (first.isBefore(config.endDate())) {
            LocalDate last = first.plusDays(2 + rng.nextInt(5));
            int discountPercent = 10 + 5 * rng.nextInt(7);
            // Deeper discounts sell more: 10 % off about 1.5 times the usual demand, 40 % off about 3 times.
            double uplift = Math.min(3, Math.max(1.5,
                    1.5 + (discountPercent - 10) / 20.0 + 0.2 * RandomDraws.gaussian(rng)));
            windows.add(new PromotionWindow(sku.productId(), first, last, discountPercent,
                    discounted(sku.basePrice(), discountPercent), uplift));
            first = last.plusDays(1 + MIN_DAYS_BETWEEN + (long) RandomDraws.exponential(rng, meanIdleDays));
        }
        return List.copyOf(windows);
    }

    private static BigDecimal discounted(BigDecimal price, int discountPercent) {
        return price.multiply(BigDecimal.valueOf(100 - discountPercent)).movePointLeft(2)
                .setScale(2, RoundingMode.HALF_UP);
    }
}
