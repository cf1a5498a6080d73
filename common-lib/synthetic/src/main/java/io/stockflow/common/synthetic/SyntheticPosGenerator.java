package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic POS history: a catalogue, the demand of every store × SKU × day, and the transaction
 * lines sampled from it. The demand model is open for inspection, so that tests and forecasting benchmarks can
 * compare with the truth:
 * <pre>
 * expected demand = base rate (store × SKU) × weekday profile × yearly seasonality × trend × promotion uplift
 * </pre>
 * Daily units are negative binomial around it (Poisson when {@code overdispersion} is 0), sold on lines of one to
 * a few units in baskets through the opening hours; a few units come back as returns. Expected demand counts sales
 * only: returns come on top.
 */
public final class SyntheticPosGenerator {

    /** Monday to Sunday, mean 1: a quiet start of the week, busy Friday and Saturday. */
    private static final double[] WEEKDAY_PROFILE = {0.85, 0.82, 0.88, 0.95, 1.12, 1.38, 1.00};
    private static final double DAYS_PER_YEAR = 365.25;

    private final SyntheticPosConfig config;
    private final List<String> storeIds;
    private final List<SyntheticSku> skus;
    private final Map<String, Integer> storeIndex;
    private final Map<String, Integer> skuIndex;
    private final double[][] baseRates;
    private final PromotionCalendar promotions;

    public SyntheticPosGenerator(SyntheticPosConfig config) {
        this.config = config;
        this.storeIds = Catalogue.storeIds(config);
        this.skus = Catalogue.skus(config);
        this.storeIndex = indexOf(storeIds, Function.identity());
        this.skuIndex = indexOf(skus, SyntheticSku::productId);
        this.baseRates = Catalogue.baseRates(config, skus);
        this.promotions = new PromotionCalendar(config, skus);
    }

    public SyntheticPosConfig config() {
        return config;
    }

    public List<String> storeIds() {
        return storeIds;
    }

    public List<SyntheticSku> skus() {
        return skus;
    }

    /** Mean units a day of a SKU in a store over a year, before weekday, season, trend and promotions. */
    public double baseRate(String storeId, String productId) {
        return baseRates[store(storeId)][sku(productId)];
    }

    /**
     * Mean units of a SKU (all variants together) that a store sells on a day, returns not deducted. Defined for
     * any date, so a forecast can be scored beyond the history too; promotions only start within the history.
     */
    public double expectedDemand(String storeId, String productId, LocalDate date) {
        int sku = sku(productId);
        return baseRates[store(storeId)][sku] * skuDay(sku, date).demandFactor();
    }

    /** Every promotion of the history, by first day, then product. */
    public List<PromotionWindow> promotions() {
        return promotions.all();
    }

    public Optional<PromotionWindow> promotion(String productId, LocalDate date) {
        return promotions.on(sku(productId), date);
    }

    /** The lines of one day of the history, all stores together, in time order. */
    public List<PosTransaction> day(LocalDate date) {
        if (date.isBefore(config.startDate()) || !date.isBefore(config.endDate())) {
            throw new IllegalArgumentException(date + " is outside the history " + config.startDate() + " to "
                    + config.endDate().minusDays(1));
        }
        List<SkuDay> skuDays = IntStream.range(0, skus.size()).mapToObj(sku -> skuDay(sku, date)).toList();
        List<StoreDay.Basket> baskets = new ArrayList<>();
        for (int store = 0; store < storeIds.size(); store++) {
            baskets.addAll(new StoreDay(config, store, storeIds.get(store), date).baskets(skuDays, baseRates[store]));
        }
        Collections.sort(baskets);
        List<PosTransaction> lines = new ArrayList<>();
        for (StoreDay.Basket basket : baskets) {
            lines.addAll(basket.lines());
        }
        return Collections.unmodifiableList(lines);
    }

    /** All lines of the history in time order, generated a day at a time as the stream is consumed. */
    public Stream<PosTransaction> lines() {
        return config.startDate().datesUntil(config.endDate()).flatMap(date -> day(date).stream());
    }

    private SkuDay skuDay(int index, LocalDate date) {
        SyntheticSku sku = skus.get(index);
        double weekday = WEEKDAY_PROFILE[date.getDayOfWeek().getValue() - 1];
        double season = 1 + sku.seasonalAmplitude()
                * StrictMath.cos(2 * StrictMath.PI * (date.getDayOfYear() - sku.seasonalPeakDay()) / DAYS_PER_YEAR);
        double trend = StrictMath.pow(1 + sku.annualTrend(),
                ChronoUnit.DAYS.between(config.startDate(), date) / DAYS_PER_YEAR);
        Optional<PromotionWindow> promotion = promotions.on(index, date);
        double uplift = promotion.map(PromotionWindow::uplift).orElse(1.0);
        BigDecimal price = promotion.map(PromotionWindow::price).orElse(sku.basePrice());
        return new SkuDay(sku, weekday * season * trend * uplift, price, promotion.isPresent());
    }

    private int store(String storeId) {
        return indexIn(storeIndex, storeId, "store");
    }

    private int sku(String productId) {
        return indexIn(skuIndex, productId, "product");
    }

    private static int indexIn(Map<String, Integer> index, String id, String what) {
        Integer found = index.get(id);
        if (found == null) {
            throw new IllegalArgumentException("unknown " + what + " " + id);
        }
        return found;
    }

    private static <T> Map<String, Integer> indexOf(List<T> items, Function<T, String> id) {
        return IntStream.range(0, items.size()).boxed().collect(Collectors.toMap(i -> id.apply(items.get(i)), i -> i));
    }
}
