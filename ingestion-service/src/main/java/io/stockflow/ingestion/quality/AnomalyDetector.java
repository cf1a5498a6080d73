package io.stockflow.ingestion.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds per-store, per-SKU anomalies in daily sales with robust z-scores, so that a few bad values cannot hide
 * themselves by inflating the spread:
 * <ul>
 *   <li>price outliers: a day's lowest or highest regular (non-promotion) price against the SKU's median regular
 *   price across all stores and days of the sample;</li>
 *   <li>quantity spikes: a day's units against the same store-SKU's trailing baseline (days without sales count
 *   as 0), ignoring promotion days, which are expected to sell more, and series with less than a week of
 *   history.</li>
 * </ul>
 */
public class AnomalyDetector {

    /** A series younger than this has no baseline to be judged against. */
    static final int MIN_BASELINE_DAYS = 7;

    private final int baselineDays;
    private final double minSpikeUnits;

    public AnomalyDetector(int baselineDays, double minSpikeUnits) {
        this.baselineDays = baselineDays;
        this.minSpikeUnits = minSpikeUnits;
    }

    public record PriceOutlier(String storeId, String productId, LocalDate date, double observedPrice,
                               double medianPrice, Double robustZ) {
    }

    public record QuantitySpike(String storeId, String productId, LocalDate date, double units,
                                double baselineMedianUnits, Double robustZ) {
    }

    public int baselineDays() {
        return baselineDays;
    }

    /** @param sales days from {@code from - baselineDays} to {@code to}; anomalies are reported for from..to */
    public List<PriceOutlier> priceOutliers(List<DailySales> sales, LocalDate from, LocalDate to) {
        List<PriceOutlier> outliers = new ArrayList<>();
        Map<String, List<DailySales>> bySku = sales.stream().filter(DailySales::hasRegularPrice)
                .collect(Collectors.groupingBy(DailySales::productId));
        for (List<DailySales> sku : bySku.values()) {
            RobustZScore z = RobustZScore.of(sku.stream().mapToDouble(DailySales::regularMeanPrice).toArray());
            for (DailySales day : sku) {
                if (day.date().isBefore(from) || day.date().isAfter(to)) {
                    continue;
                }
                double low = z.score(day.regularMinPrice());
                double high = z.score(day.regularMaxPrice());
                boolean highWorse = Math.abs(high) >= Math.abs(low);
                double score = highWorse ? high : low;
                if (Math.abs(score) > RobustZScore.OUTLIER_CUTOFF) {
                    outliers.add(new PriceOutlier(day.storeId(), day.productId(), day.date(),
                            highWorse ? day.regularMaxPrice() : day.regularMinPrice(), z.median(), finite(score)));
                }
            }
        }
        outliers.sort(Comparator.comparing((PriceOutlier o) -> severity(o.robustZ())).reversed());
        return outliers;
    }

    public List<QuantitySpike> quantitySpikes(List<DailySales> sales, LocalDate from, LocalDate to) {
        List<QuantitySpike> spikes = new ArrayList<>();
        Map<String, List<DailySales>> bySeries = sales.stream()
                .collect(Collectors.groupingBy(s -> s.storeId() + '|' + s.productId()));
        for (List<DailySales> series : bySeries.values()) {
            Map<LocalDate, DailySales> byDate = new HashMap<>();
            series.forEach(s -> byDate.put(s.date(), s));
            LocalDate firstSale = series.stream().map(DailySales::date).min(LocalDate::compareTo).orElseThrow();
            for (DailySales day : series) {
                if (day.date().isBefore(from) || day.date().isAfter(to) || day.promoLines() > 0
                        || day.units() < minSpikeUnits) {
                    continue;
                }
                double[] baseline = baseline(byDate, day.date(), firstSale);
                if (baseline.length < MIN_BASELINE_DAYS) {
                    continue;
                }
                RobustZScore z = RobustZScore.of(baseline);
                double score = z.score(day.units());
                if (score > RobustZScore.OUTLIER_CUTOFF) {
                    spikes.add(new QuantitySpike(day.storeId(), day.productId(), day.date(), day.units(), z.median(),
                            finite(score)));
                }
            }
        }
        spikes.sort(Comparator.comparing((QuantitySpike s) -> severity(s.robustZ())).reversed());
        return spikes;
    }

    /** Units of the trailing non-promotion days since the series' first sale; days with no row sold nothing. */
    private double[] baseline(Map<LocalDate, DailySales> byDate, LocalDate day, LocalDate firstSale) {
        List<Double> units = new ArrayList<>(baselineDays);
        for (int back = 1; back <= baselineDays && !day.minusDays(back).isBefore(firstSale); back++) {
            DailySales sales = byDate.get(day.minusDays(back));
            if (sales == null) {
                units.add(0.0);
            } else if (sales.promoLines() == 0) {
                units.add(sales.units());
            }
        }
        return units.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Double finite(double score) {
        return Double.isInfinite(score) ? null : Math.round(score * 100) / 100.0;
    }

    /** Unbounded scores (no spread in the baseline) rank first. */
    private static double severity(Double z) {
        return z == null ? Double.POSITIVE_INFINITY : Math.abs(z);
    }
}
