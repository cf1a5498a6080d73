package io.stockflow.ingestion.quality;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyDetectorTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 31);
    private final AnomalyDetector detector = new AnomalyDetector(28, 5);

    private static DailySales regular(String store, String sku, LocalDate date, double units, double price) {
        return new DailySales(store, sku, date, units, 0, 1, price, price, price);
    }

    @Test
    void flagsAPriceFarFromTheSkusMedianButNotPromotionDiscounts() {
        List<DailySales> sales = new ArrayList<>();
        for (int d = 0; d < 28; d++) {
            sales.add(regular("S1", "P1", DAY.minusDays(d), 4, 15.99 + (d % 3) * 0.10));
            sales.add(regular("S2", "P1", DAY.minusDays(d), 4, 15.89));
        }
        sales.add(new DailySales("S1", "P1", DAY, 6, 0, 2, 15.99 + 1599.0, 15.99, 1599.0)); // a typo'd price
        sales.add(new DailySales("S2", "P1", DAY.minusDays(1), 9, 3, 0, 0, null, null));   // promotion only
        List<AnomalyDetector.PriceOutlier> outliers = detector.priceOutliers(sales, DAY, DAY);
        assertThat(outliers).hasSize(1);
        assertThat(outliers.get(0).storeId()).isEqualTo("S1");
        assertThat(outliers.get(0).observedPrice()).isEqualTo(1599.0);
        assertThat(outliers.get(0).medianPrice()).isBetween(15.8, 16.1);
    }

    @Test
    void flagsAQuantitySpikeAgainstTheTrailingBaselineButNotOnPromotion() {
        List<DailySales> sales = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            sales.add(regular("S1", "P1", DAY.minusDays(d), 3 + d % 3, 2.0));
            sales.add(regular("S1", "P2", DAY.minusDays(d), 3 + d % 3, 2.0));
        }
        sales.add(regular("S1", "P1", DAY, 60, 2.0));
        sales.add(new DailySales("S1", "P2", DAY, 60, 5, 0, 0, null, null));
        List<AnomalyDetector.QuantitySpike> spikes = detector.quantitySpikes(sales, DAY, DAY);
        assertThat(spikes).extracting(AnomalyDetector.QuantitySpike::productId).containsExactly("P1");
        assertThat(spikes.get(0).baselineMedianUnits()).isEqualTo(4.0);
        assertThat(spikes.get(0).robustZ()).isGreaterThan(RobustZScore.OUTLIER_CUTOFF);
    }

    @Test
    void ordinaryVariationIsNoSpikeAndDaysBeforeTheFirstSaleAreNotZeros() {
        List<DailySales> sales = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            sales.add(regular("S1", "P1", DAY.minusDays(d), 8 + d % 5, 2.0));
        }
        sales.add(regular("S1", "P1", DAY, 14, 2.0));
        sales.add(regular("S1", "NEW", DAY.minusDays(1), 9, 2.0)); // launched yesterday
        sales.add(regular("S1", "NEW", DAY, 11, 2.0));
        assertThat(detector.quantitySpikes(sales, DAY, DAY)).isEmpty();
    }
}
