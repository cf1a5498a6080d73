package io.stockflow.forecasting.model.arima;

import io.stockflow.forecasting.model.Forecast;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.LH;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.TWO_YEARS;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.WWW_USAGE;
import static io.stockflow.forecasting.model.arima.ArimaReferenceSeries.simulatedDailyDemand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Against {@code src/test/reference/arima_reference.R} (see {@link ArimaReferenceSeries}); the constants below are
 * its output.
 */
class ArimaForecasterTest {

    private final ArimaForecaster daily = new ArimaForecaster();
    private final ArimaForecaster nonSeasonal = new ArimaForecaster(1);

    @Test
    void theReferenceScriptReadsTheSeriesGeneratedHere() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("src/test/reference/arima_daily_demand.csv"));
        assertThat(rows).hasSize(TWO_YEARS + 1);
        for (int seed = 1; seed <= 10; seed++) {
            double[] expected = simulatedDailyDemand(seed, TWO_YEARS);
            for (int day = 0; day < TWO_YEARS; day++) {
                assertThat(Double.parseDouble(rows.get(day + 1).split(",")[seed - 1])).isEqualTo(expected[day]);
            }
        }
    }

    /*
     * Fixed orders against Arima(..., method = "CSS"): both minimise the same conditional sum of squares, R with
     * BFGS and here Levenberg-Marquardt, so the optima agree to about 1e-5. R forecasts through a Kalman filter
     * started from the CSS coefficients, here the difference equation runs on the CSS residuals; the two agree
     * once the MA part has forgotten its start, to within 1e-3 on these series.
     */

    @Test
    void cssMatchesRForAnAutoregressionWithMean() {
        ArimaFit fit = nonSeasonal.fit(LH, ArimaOrder.nonSeasonal(1, 0, 0), true);
        assertFit(fit, LH, new double[]{0.58599427528153, 2.41505211083130}, 0.206028852698924,
                new double[]{2.69922879769402, 2.58157802250133, 2.51263534175597, 2.47223532551663});
        assertThat(fit.label()).isEqualTo("ARIMA(1,0,0) with non-zero mean");
    }

    @Test
    void cssMatchesRForAnArmaWithMean() {
        assertFit(nonSeasonal.fit(LH, ArimaOrder.nonSeasonal(1, 0, 1), true), LH,
                new double[]{0.463139161904661, 0.200361295550617, 2.410946396053799}, 0.205091277996617,
                new double[]{2.68522239165330, 2.53797435078632, 2.46977801654708, 2.43819362346255});
    }

    @Test
    void cssMatchesRForIntegratedModels() {
        assertFit(nonSeasonal.fit(WWW_USAGE, ArimaOrder.nonSeasonal(1, 1, 1), false), WWW_USAGE,
                new double[]{0.647810742501529, 0.529318016454760}, 9.92829050351615,
                new double[]{218.877186200974, 218.149815360136, 217.678616715659, 217.373369171914,
                        217.175626533954});
        assertFit(nonSeasonal.fit(WWW_USAGE, ArimaOrder.nonSeasonal(3, 1, 0), false), WWW_USAGE,
                new double[]{1.163484883187319, -0.667550726251972, 0.342308178637008}, 9.41054750318708,
                new double[]{219.658616781359, 219.227291305053, 218.268724891897, 217.324520727827,
                        216.718198923359});
    }

    @Test
    void cssMatchesRForASeasonalModelWithDrift() {
        double[] demand = simulatedDailyDemand(1, TWO_YEARS);
        ArimaFit fit = daily.fit(demand, new ArimaOrder(1, 0, 1, 0, 1, 1, 7), true);
        assertFit(fit, demand, new double[]{0.56479177490813581, 0.05978108126608980, -0.89678562303467746,
                        0.00968692037064898}, 17.2489537082983,
                new double[]{82.4488547797472, 83.1465848360485, 87.1373065129204, 94.1367465424883,
                        73.7993606459843, 74.0569378494099, 78.4199406743787, 81.4165141337836, 82.5930381222527,
                        86.8541786738889, 94.0063490597036, 73.7552240121866, 74.0615206336166, 78.4520397851526});
        assertThat(fit.label()).isEqualTo("ARIMA(1,0,1)(0,1,1)[7] with drift");
        assertThat(fit.aicc()).isFinite();
    }

    @Test
    void aSeasonalArOnTheUnitCircleIsEstimatedLikeRThenRejected() {
        double[] demand = simulatedDailyDemand(2, TWO_YEARS);
        ArimaFit fit = daily.fit(demand, new ArimaOrder(1, 1, 1, 1, 0, 1, 7), false);
        assertFit(fit, demand, new double[]{0.0182067201074890, -0.0252684383818227, 0.9998452153401846,
                        -0.9237569910037198}, 1.16011406477651,
                new double[]{50.6574294284463, 52.6163000798406, 55.5895498050507, 62.2645394448183,
                        42.6404165047111, 42.7236527001169, 47.6770392008305});
        // Φ ≈ 0.9998 puts seven roots at modulus ≈ 1.00002: auto.arima would not keep this model either.
        assertThat(fit.aicc()).isInfinite();
    }

    private static void assertFit(ArimaFit fit, double[] history, double[] coefficients, double sigma2,
                                  double[] forecasts) {
        double[] estimated = fit.parameters();
        assertThat(estimated).hasSameSizeAs(coefficients);
        for (int i = 0; i < coefficients.length; i++) {
            assertThat(estimated[i]).as("coefficient " + i).isCloseTo(coefficients[i], within(2e-3));
        }
        assertThat(fit.sigma2()).isCloseTo(sigma2, within(1e-6 * sigma2));
        double[] mean = fit.forecast(history, forecasts.length);
        for (int h = 0; h < forecasts.length; h++) {
            assertThat(mean[h]).as("h = " + (h + 1)).isCloseTo(forecasts[h], within(1e-3));
        }
    }

    @Test
    void autoSelectionPicksROrdersOnTheClassicSeries() {
        // auto.arima(stepwise = TRUE) picks these with approximation = FALSE (exact ML) and TRUE (CSS) alike.
        assertThat(nonSeasonal.fit(WWW_USAGE).label()).isEqualTo("ARIMA(1,1,1)");
        assertThat(nonSeasonal.fit(LH).label()).isEqualTo("ARIMA(1,0,0) with non-zero mean");
        assertThat(nonSeasonal.forecast(WWW_USAGE, 3).mean()[0]).isCloseTo(218.877186200974, within(1e-3));
    }

    /*
     * On daily series auto.arima(approximation = TRUE), its default beyond 150 observations, searches by CSS as
     * here. Its traces (the script's "CSS stage trace") visit the same models in the same order with the same
     * rejections, AICc shifted by a constant, and their best CSS models are the four asserted below. auto.arima
     * then refits its best CSS models by exact ML, where the seasonal MA coefficients move towards −1 and are
     * rejected, and ends on a pure seasonal AR: ARIMA(1,0,0)(1,1,0)[7] with drift, (2,0,2)(2,1,0)[7] with drift,
     * (1,0,0)(1,1,0)[7] and (1,0,0)(2,1,0)[7] (approximation = FALSE: ARIMA(1,0,0)(2,1,0)[7] for all four). This
     * model has no ML refit, so it keeps the CSS choice.
     */
    @Test
    void autoSelectionOnDailyDemandKeepsRsCssChoice() {
        ArimaFit seed1 = daily.fit(simulatedDailyDemand(1, TWO_YEARS));
        assertThat(seed1.label()).isEqualTo("ARIMA(0,0,1)(1,1,2)[7] with drift");
        assertThat(daily.fit(simulatedDailyDemand(2, TWO_YEARS)).label())
                .isEqualTo("ARIMA(1,0,0)(1,1,1)[7] with drift");
        assertThat(daily.fit(simulatedDailyDemand(3, TWO_YEARS)).label()).isEqualTo("ARIMA(1,0,0)(0,1,1)[7]");
        assertThat(daily.fit(simulatedDailyDemand(4, TWO_YEARS)).label()).isEqualTo("ARIMA(1,0,0)(1,1,1)[7]");
    }

    @Test
    void whiteNoiseStaysUndifferencedAndARandomWalkIsDifferencedOnce() {
        Random random = new Random(42);
        double[] whiteNoise = new double[TWO_YEARS];
        double[] randomWalk = new double[TWO_YEARS];
        double level = 500;
        for (int day = 0; day < TWO_YEARS; day++) {
            whiteNoise[day] = 50 + 5 * random.nextGaussian();
            level += 5 * random.nextGaussian();
            randomWalk[day] = level;
        }
        assertThat(daily.fit(whiteNoise).order().d()).isZero();
        assertThat(daily.fit(whiteNoise).order().seasonalD()).isZero();
        assertThat(daily.fit(randomWalk).order().d()).isEqualTo(1);
        assertThat(nonSeasonal.fit(randomWalk).order().d()).isEqualTo(1);
    }

    @Test
    void shortAndConstantHistoriesStillForecast() {
        assertThat(daily.forecast(new double[]{6}, 3).mean()).containsExactly(6, 6, 6);
        assertThat(daily.forecast(new double[]{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 2).mean())
                .containsExactly(4, 4);
        assertThat(daily.forecast(new double[30], 7).mean()).containsOnly(0);
        assertThat(daily.fit(new double[]{5, 7}).order()).isNotNull();
        double[] thirteenDays = {12, 15, 14, 18, 30, 9, 8, 13, 16, 15, 19, 31, 10};
        ArimaFit shortFit = daily.fit(thirteenDays);
        assertThat(shortFit.order().period()).isEqualTo(1); // two weeks or less: no seasonal part
        assertValid(daily.forecast(thirteenDays, 14));
        for (int days = 1; days <= 40; days++) {
            assertValid(daily.forecast(simulatedDailyDemand(days, days), 10));
        }
    }

    @Test
    void forecastsNeverGoNegative() {
        double[] falling = new double[60];
        for (int day = 0; day < falling.length; day++) {
            falling[day] = 120 - 2 * day + (day % 7 == 5 ? 6 : 0);
        }
        double[] ahead = daily.forecast(falling, 90).mean();
        assertValid(daily.forecast(falling, 90));
        assertThat(ahead[89]).isZero();
        double[] intermittent = new double[TWO_YEARS];
        Random random = new Random(7);
        for (int day = 0; day < intermittent.length; day++) {
            intermittent[day] = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(4);
        }
        assertValid(daily.forecast(intermittent, 28));
    }

    @Test
    void refusesAnInvalidHorizonOrHistory() {
        assertThatThrownBy(() -> daily.forecast(LH, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.forecast(new double[0], 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.forecast(new double[]{3, -1, 4}, 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.fit(WWW_USAGE, ArimaOrder.nonSeasonal(0, 2, 0), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(daily.name()).isEqualTo(ArimaForecaster.NAME);
    }

    /** Not an assertion on time: prints the cost per 730-day series for docs/benchmarks. */
    @Test
    void printsTheFitTimePerTwoYearSeries() {
        int series = 10;
        for (int seed = 1; seed <= series; seed++) {
            daily.fit(simulatedDailyDemand(seed, TWO_YEARS)); // JIT warm-up
        }
        long start = System.nanoTime();
        for (int seed = 1; seed <= series; seed++) {
            assertValid(daily.forecast(simulatedDailyDemand(seed, TWO_YEARS), 28));
        }
        double millisPerSeries = (System.nanoTime() - start) / 1e6 / series;
        System.out.printf("ArimaForecaster: %.1f ms per 730-day series (stepwise auto-ARIMA, CSS)%n", millisPerSeries);
    }

    private static void assertValid(Forecast forecast) {
        for (double day : forecast.mean()) {
            assertThat(day).isFinite().isGreaterThanOrEqualTo(0);
        }
    }
}
