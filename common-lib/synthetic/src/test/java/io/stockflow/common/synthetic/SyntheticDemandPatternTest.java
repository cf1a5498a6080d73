package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The demand patterns of the generator, as seen in its output. */
class SyntheticDemandPatternTest {

    private static final SyntheticPosConfig CONFIG = SyntheticPosConfig.defaults()
            .withSeed(11).withScale(3, 60).withPeriod(LocalDate.of(2024, 1, 1), 70);
    private static final SyntheticPosGenerator GENERATOR = new SyntheticPosGenerator(CONFIG);
    private static final List<PosTransaction> LINES = GENERATOR.lines().toList();
    /** Units sold (returns left out) by store, product and day. */
    private static final Map<SeriesDay, Long> SOLD = new HashMap<>();

    static {
        for (PosTransaction line : LINES) {
            if (line.quantity().signum() > 0) {
                SOLD.merge(new SeriesDay(line.storeId(), line.productId(), dateOf(line)),
                        line.quantity().longValueExact(), Long::sum);
            }
        }
    }

    @Test
    void weekendsSellMoreThanWeekdays() {
        Map<LocalDate, Long> byDay = new HashMap<>();
        SOLD.forEach((key, units) -> byDay.merge(key.date(), units, Long::sum));
        double weekend = byDay.entrySet().stream().filter(e -> isWeekend(e.getKey()))
                .mapToLong(Map.Entry::getValue).average().orElseThrow();
        double weekday = byDay.entrySet().stream().filter(e -> !isWeekend(e.getKey()))
                .mapToLong(Map.Entry::getValue).average().orElseThrow();
        assertThat(weekend).isGreaterThan(1.15 * weekday);
    }

    @Test
    void intermittentItemsSellOnFewDays() {
        List<SyntheticSku> intermittent = GENERATOR.skus().stream().filter(SyntheticSku::intermittent).toList();
        assertThat(intermittent).isNotEmpty();
        long seriesDays = 0;
        long zeroDays = 0;
        long units = 0;
        for (String store : GENERATOR.storeIds()) {
            for (SyntheticSku sku : intermittent) {
                assertThat(GENERATOR.baseRate(store, sku.productId())).isLessThan(0.5);
                long seriesZeroDays = 0;
                for (LocalDate date = CONFIG.startDate(); date.isBefore(CONFIG.endDate()); date = date.plusDays(1)) {
                    long sold = SOLD.getOrDefault(new SeriesDay(store, sku.productId(), date), 0L);
                    seriesZeroDays += sold == 0 ? 1 : 0;
                    units += sold;
                }
                assertThat(seriesZeroDays).as("zero days of %s in %s", sku.productId(), store)
                        .isGreaterThan(CONFIG.days() / 2);
                zeroDays += seriesZeroDays;
                seriesDays += CONFIG.days();
            }
        }
        assertThat((double) zeroDays / seriesDays).isGreaterThan(0.7);
        assertThat((double) units / seriesDays).isLessThan(0.5);
    }

    @Test
    void promotedLinesAreFlaggedAndSoldAtTheDiscount() {
        List<PosTransaction> sales = LINES.stream().filter(line -> line.quantity().signum() > 0).toList();
        assertThat(sales).anySatisfy(line -> assertThat(line.promotion()).isTrue());
        Map<String, SyntheticSku> skus = new HashMap<>();
        GENERATOR.skus().forEach(sku -> skus.put(sku.productId(), sku));
        assertThat(sales).filteredOn(line -> {
            Optional<PromotionWindow> promotion = GENERATOR.promotion(line.productId(), dateOf(line));
            BigDecimal price = promotion.map(PromotionWindow::price).orElse(skus.get(line.productId()).basePrice());
            return line.promotion() != promotion.isPresent() || !line.unitPrice().equals(price);
        }).isEmpty();
    }

    @Test
    void promotionsAreShortDiscountedWindows() {
        assertThat(GENERATOR.promotions()).isNotEmpty().allSatisfy(window -> {
            SyntheticSku sku = GENERATOR.skus().get(Integer.parseInt(window.productId().substring(4)) - 1);
            assertThat(sku.intermittent()).isFalse();
            assertThat(window.lastDay().toEpochDay() - window.firstDay().toEpochDay() + 1).isBetween(3L, 7L);
            assertThat(window.discountPercent()).isBetween(10, 40);
            assertThat(window.price()).isLessThan(sku.basePrice());
            assertThat(window.uplift()).isBetween(1.5, 3.0);
        });
    }

    @Test
    void promotionsLiftSales() {
        // Each promoted day against the same weekday a week before and after, when those are not promoted.
        Map<ProductDay, Long> soldByProduct = new HashMap<>();
        SOLD.forEach((key, units) -> soldByProduct.merge(new ProductDay(key.productId(), key.date()), units, Long::sum));
        double promoted = 0;
        double usual = 0;
        for (PromotionWindow window : GENERATOR.promotions()) {
            for (LocalDate day = window.firstDay(); !day.isAfter(window.lastDay()); day = day.plusDays(1)) {
                List<LocalDate> sameWeekdays = List.of(day.minusWeeks(1), day.plusWeeks(1)).stream()
                        .filter(other -> !other.isBefore(CONFIG.startDate()) && other.isBefore(CONFIG.endDate()))
                        .filter(other -> GENERATOR.promotion(window.productId(), other).isEmpty())
                        .toList();
                if (day.isBefore(CONFIG.endDate()) && !sameWeekdays.isEmpty()) {
                    promoted += soldByProduct.getOrDefault(new ProductDay(window.productId(), day), 0L);
                    usual += sameWeekdays.stream().mapToLong(other ->
                            soldByProduct.getOrDefault(new ProductDay(window.productId(), other), 0L)).average()
                            .orElseThrow();
                }
            }
        }
        assertThat(usual).isPositive();
        assertThat(promoted / usual).isGreaterThan(1.4);
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static LocalDate dateOf(PosTransaction line) {
        return LocalDate.ofInstant(line.transactionTimestamp(), ZoneOffset.UTC);
    }

    private record SeriesDay(String storeId, String productId, LocalDate date) {
    }

    private record ProductDay(String productId, LocalDate date) {
    }
}
