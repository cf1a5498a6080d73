package io.stockflow.forecasting.segment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SegmentationTest {

    @Test
    void abcFollowsCumulativeRevenueShares() {
        // Revenue shares 50, 25, 10 | 8, 4 | 2, 1 %: A up to and including the item that crosses 80%, B to 95%.
        char[] classes = Segmentation.abc(new double[] {8, 50, 1, 25, 4, 10, 2});
        assertThat(classes).containsExactly('B', 'A', 'C', 'A', 'B', 'A', 'C');
    }

    @Test
    void xyzFollowsTheVariationOfWeeklyDemand() {
        assertThat(Segmentation.xyz(new double[] {10, 10, 10, 10})).isEqualTo('X');
        assertThat(Segmentation.xyz(new double[] {5, 15, 5, 15})).isEqualTo('Y');   // CV = √(100/3)/10 = 0.58
        assertThat(Segmentation.xyz(new double[] {0, 20, 0, 20})).isEqualTo('Z');   // CV = 1.15
        assertThat(Segmentation.xyz(new double[] {0, 0, 0})).isEqualTo('Z');
    }

    @Test
    void profilesMeasureLevelTrendSeasonalityAndIntermittency() {
        double[] weekly = new double[70];
        double[] trending = new double[100];
        double[] sparse = new double[20];
        for (int t = 0; t < weekly.length; t++) {
            weekly[t] = new double[] {5, 6, 7, 8, 20, 30, 4}[t % 7];
        }
        for (int t = 0; t < trending.length; t++) {
            trending[t] = 10 + 0.1 * t;
        }
        sparse[3] = 2;
        sparse[11] = 4;
        assertThat(DemandProfile.of(weekly).seasonality()).isCloseTo(1, within(0.01));
        DemandProfile line = DemandProfile.of(trending);
        assertThat(line.level()).isCloseTo(14.95, within(1e-9));
        assertThat(line.trend()).isCloseTo(0.1 * 28 / 14.95, within(1e-9));
        assertThat(line.seasonality()).isCloseTo(0, within(1e-9));
        assertThat(DemandProfile.of(sparse).intermittency()).isEqualTo(0.9);
    }

    @Test
    void kMeansSeparatesFastSeasonalFromSlowIntermittentItems() {
        Random random = new Random(3);
        List<DemandProfile> profiles = new ArrayList<>();
        List<double[]> weekly = new ArrayList<>();
        double[] revenue = new double[40];
        for (int i = 0; i < 40; i++) {
            boolean fast = i % 2 == 0;
            double[] days = new double[84];
            for (int t = 0; t < days.length; t++) {
                days[t] = fast ? 40 + 15 * Math.sin(2 * Math.PI * t / 7) + random.nextGaussian() * 2
                        : (random.nextDouble() < 0.15 ? 1 + random.nextInt(3) : 0);
            }
            profiles.add(DemandProfile.of(days));
            double[] weeks = new double[12];
            for (int t = 0; t < days.length; t++) {
                weeks[t / 7] += days[t];
            }
            weekly.add(weeks);
            revenue[i] = fast ? 1000 : 10;
        }
        Segmentation.Result result = Segmentation.segment(profiles, revenue, weekly, 2, 42);
        assertThat(result.clusters()).hasSize(2);
        assertThat(result.clusters()).extracting(Segmentation.Cluster::size).containsExactly(20, 20);
        for (int i = 0; i < 40; i++) {
            Segmentation.Assignment assignment = result.assignments().get(i);
            assertThat(assignment.cluster()).isEqualTo(i % 2 == 0 ? 1 : 0); // clusters numbered slowest first
            // 20 fast items of 1,000 and 20 slow of 10: 16 fast ones make 79.2% of revenue, the 17th crosses 80%.
            assertThat(assignment.abc()).isIn(i % 2 == 0 ? List.of('A', 'B') : List.of('C'));
            assertThat(assignment.xyz()).isIn(i % 2 == 0 ? List.of('X') : List.of('Y', 'Z'));
        }
        assertThat(result.assignments().stream().filter(a -> a.abc() == 'A').count()).isEqualTo(17);
        assertThat(result.clusters().get(1).centre().seasonality()).isGreaterThan(0.8);
        assertThat(result.clusters().get(0).centre().intermittency()).isGreaterThan(0.7);
        // Without revenue, units rank the items instead: the fast ones are still the A and B items.
        Segmentation.Result byUnits = Segmentation.segment(profiles, new double[40], weekly, 2, 42);
        for (int i = 0; i < 40; i++) {
            assertThat(byUnits.assignments().get(i).abc()).isIn(i % 2 == 0 ? List.of('A', 'B') : List.of('C'));
        }
        // The same seed gives the same segments.
        assertThat(Segmentation.segment(profiles, revenue, weekly, 2, 42)).isEqualTo(result);
    }
}
