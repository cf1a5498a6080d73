package io.stockflow.inventory.planning;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.LeadTimeTotal;
import io.stockflow.inventory.policy.LeadTimeDemand;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemandOutlookTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final List<String> LEVELS = List.of("p10", "p50", "p90");

    private static List<ForecastDay> days(LocalDate from, double... points) {
        List<ForecastDay> days = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            days.add(new ForecastDay(from.plusDays(i), points[i], Map.of()));
        }
        return days;
    }

    private static DemandOutlook tenADay(LeadTimeTotal... totals) {
        double[] points = new double[28];
        java.util.Arrays.fill(points, 10);
        return new DemandOutlook(TODAY, days(TODAY, points), List.of(totals), LEVELS);
    }

    private static final LeadTimeTotal WEEK = new LeadTimeTotal(7, 70, Map.of("p10", 60.0, "p50", 70.0, "p90", 82.0));

    @Test
    void daysBeforeTodayAreSkippedAndTheLastWeeksRateCarriesBeyondTheForecast() {
        // A forecast made two days ago: its first two days are past.
        DemandOutlook outlook = new DemandOutlook(TODAY, days(TODAY.minusDays(2), 100, 100, 1, 2, 3, 4, 5, 6, 7, 8),
                List.of(), LEVELS);
        assertThat(outlook.forecastDays()).isEqualTo(8);
        assertThat(outlook.demandOver(2.5)).isCloseTo(1 + 2 + 0.5 * 3, within(1e-12));
        // Beyond the 8 days: the mean of the last 7 (2…8) = 5 a day.
        assertThat(outlook.demandOver(10)).isCloseTo(36 + 2 * 5, within(1e-12));
    }

    @Test
    void aLeadTimeMatchingATotalTakesItsQuantilesAsTheyAre() {
        LeadTimeDemand week = tenADay(WEEK).leadTimeDemand(7, 0);
        assertThat(week.fromForecastQuantiles()).isTrue();
        assertThat(week.mean()).isCloseTo(70, within(1e-12));
        assertThat(week.quantile(0.1)).isCloseTo(60, within(1e-9));
        assertThat(week.quantile(0.9)).isCloseTo(82, within(1e-9));
    }

    /** Half the total's days: deviations from the mean shrink by √(3.5/7) = 0.70711 (60 → 35 − 10 × 0.70711). */
    @Test
    void aShorterLeadTimeScalesTheSpreadOfTheNearestLongerTotal() {
        LeadTimeDemand half = tenADay(WEEK).leadTimeDemand(3.5, 0);
        assertThat(half.mean()).isCloseTo(35, within(1e-12));
        assertThat(half.quantile(0.1)).isCloseTo(27.929, within(1e-3));
        assertThat(half.quantile(0.9)).isCloseTo(43.485, within(1e-3));
    }

    /**
     * σ_L = 2 days at 10 a day adds 10² × 2² = 400 to the variance of the week's total, whose quantiles imply
     * σ = 22 / (2 × 1.28155) = 8.5833 (variance 73.67): every deviation widens by √(1 + 400 / 73.67) = 2.5357,
     * so P90 = 70 + 12 × 2.5357 = 100.43.
     */
    @Test
    void leadTimeUncertaintyWidensTheForecastQuantiles() {
        LeadTimeDemand uncertain = tenADay(WEEK).leadTimeDemand(7, 2);
        assertThat(uncertain.quantile(0.9)).isCloseTo(100.43, within(0.01));
        assertThat(uncertain.quantile(0.1)).isCloseTo(70 - 10 * 2.5357, within(0.01));
    }

    /** P90 below the mean (7-day point 7, P90 5.9): not trusted; a normal with Poisson variance, σ = √7. */
    @Test
    void quantilesBelowTheirOwnMeanFallBackToANormal() {
        double[] ones = new double[28];
        java.util.Arrays.fill(ones, 1);
        DemandOutlook outlook = new DemandOutlook(TODAY, days(TODAY, ones),
                List.of(new LeadTimeTotal(7, 7, Map.of("p10", 0.0, "p50", 4.0, "p90", 5.9))), LEVELS);
        LeadTimeDemand demand = outlook.leadTimeDemand(7, 0);
        assertThat(demand.fromForecastQuantiles()).isFalse();
        assertThat(demand.mean()).isCloseTo(7, within(1e-12));
        assertThat(demand.standardDeviation()).isCloseTo(Math.sqrt(7), within(1e-12));
    }

    @Test
    void theProjectedStockoutCountsReceiptsDueOnTheirDay() {
        DemandOutlook outlook = tenADay(WEEK);
        assertThat(outlook.projectedStockout(25, Map.of())).isEqualTo(TODAY.plusDays(2));
        assertThat(outlook.projectedStockout(25, Map.of(TODAY.plusDays(2), 20.0))).isEqualTo(TODAY.plusDays(4));
        assertThat(outlook.projectedStockout(1000, Map.of())).isNull();
    }
}
