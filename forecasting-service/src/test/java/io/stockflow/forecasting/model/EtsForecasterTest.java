package io.stockflow.forecasting.model;

import io.stockflow.forecasting.model.EtsForecaster.Fit;
import io.stockflow.forecasting.model.EtsForecaster.Kind;
import io.stockflow.forecasting.model.EtsForecaster.Smoothing;
import io.stockflow.forecasting.model.EtsForecaster.States;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Against two references that share no code or optimiser with the Java side. {@code src/test/reference/ets_reference.py}
 * and {@code holt_winters_reference.py} (numpy) find the maximum-likelihood fit by exact least squares over the
 * initial states and a grid plus refinement over the smoothing parameters. {@code src/test/reference/ets_reference.R}
 * runs R 4.2.2's {@code forecast::ets} 8.20 ({@code restrict = FALSE, opt.crit = "mse"}): its fitted parameters and
 * initial states, run through our recursions, must give its SSE and forecasts; our own fit must do no worse than
 * its SSE. Values below are those scripts' output.
 */
class EtsForecasterTest {

    static final double[] TRENDING = {12, 15, 14, 18, 17, 21, 19, 24, 23, 25, 28, 27, 30, 29, 33, 35, 34, 37, 36,
            40, 41, 39, 44, 43, 46, 48, 47, 50, 52, 51};
    static final double[] LEVEL_ONLY = {20, 22, 19, 21, 25, 23, 20, 22, 24, 21, 19, 23, 22, 20, 24, 23, 21, 22};

    /** Eight weeks: level 50, trend 0.3/day, weekly pattern −6 −2 0 1 3 9 −5, deterministic noise. */
    static final double[] WEEKLY = {40.0, 47.5, 53.0, 48.7, 54.2, 63.7, 44.4, 46.9, 54.4, 51.1, 55.6, 52.3, 61.8,
            51.3, 45.0, 52.5, 58.0, 53.7, 59.2, 68.7, 49.4, 51.9, 50.6, 56.1, 60.6, 57.3, 66.8, 56.3, 50.0, 57.5, 63.0,
            58.7, 64.2, 64.9, 54.4, 56.9, 55.6, 61.1, 65.6, 62.3, 71.8, 61.3, 55.0, 62.5, 59.2, 63.7, 69.2, 69.9,
            59.4, 61.9, 60.6, 66.1, 70.6, 67.3, 76.8, 57.5};

    /** Twelve weeks: level 40 rising 0.15/day, weekly profile ×0.8 0.9 1 1 1.1 1.4 0.8, deterministic noise. */
    static final double[] DAILY = {29, 35.53, 42.1, 38.05, 44.66, 59.45, 30.92, 33.44, 40.08, 40.15, 42.7, 42.82,
            57.92, 35.36, 31.28, 38.02, 44.8, 40.75, 47.57, 62.99, 33.2, 35.72, 35.97, 42.85, 45.4, 45.73, 61.46, 37.64,
            33.56, 40.52, 47.5, 43.45, 50.48, 59.93, 35.48, 38, 38.46, 45.55, 48.1, 48.64, 65, 39.92, 35.84, 43.01,
            43.6, 46.15, 53.39, 63.47, 37.76, 40.28, 40.95, 48.25, 50.8, 51.55, 68.54, 35.6, 38.12, 45.49, 46.3, 48.85,
            56.3, 67.01, 40.04, 42.56, 43.44, 50.95, 46.9, 54.45, 72.08, 37.88, 40.4, 47.98, 49, 51.55, 59.21, 70.55,
            42.32, 38.24, 45.93, 53.65, 49.6, 57.37, 75.62, 40.16};

    /** R's datasets::Nile, annual flow, 1871–1970. */
    static final double[] NILE = {1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994,
            1020, 960, 1180, 799, 958, 1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840, 874, 694, 940,
            833, 701, 916, 692, 1020, 1050, 969, 831, 726, 456, 824, 702, 1120, 1100, 832, 764, 821, 768, 845, 864,
            862, 698, 845, 744, 796, 1040, 759, 781, 865, 845, 944, 984, 897, 822, 1010, 771, 676, 649, 846, 812, 742,
            801, 1040, 860, 874, 848, 890, 744, 749, 838, 1050, 918, 986, 797, 923, 975, 815, 1020, 906, 901, 1170,
            912, 746, 919, 718, 714, 740};

    /** R's datasets::WWWusage, users per minute. */
    static final double[] WWW_USAGE = {88, 84, 85, 85, 84, 85, 83, 85, 88, 89, 91, 99, 104, 112, 126, 138, 146, 151,
            150, 148, 147, 149, 143, 132, 131, 139, 147, 150, 148, 145, 140, 134, 131, 131, 129, 126, 126, 132, 137,
            140, 142, 150, 159, 167, 170, 171, 172, 172, 174, 175, 172, 172, 174, 174, 169, 165, 156, 142, 131, 121,
            112, 104, 102, 99, 99, 95, 88, 84, 84, 87, 89, 88, 85, 86, 89, 91, 91, 94, 101, 110, 121, 135, 145, 149,
            156, 165, 171, 175, 177, 182, 193, 204, 208, 210, 215, 222, 228, 226, 222, 220};

    /** R's datasets::AirPassengers, monthly 1949–1960: the textbook multiplicative season (m = 12). */
    static final double[] AIR_PASSENGERS = {112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126,
            141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146,
            166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272,
            237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270,
            315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306, 315, 301,
            356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310,
            337, 360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606,
            508, 461, 390, 432};

    private final EtsForecaster ets = new EtsForecaster();

    private static States states(double level, double trend) {
        return new States(level, trend, new double[0]);
    }

    @Test
    void theStateEquationsMatchTheReferenceForFixedParameters() {
        Fit holt = EtsForecaster.run(TRENDING, Kind.HOLT, new Smoothing(0.3, 0.1, 0, 1), states(11, 1.5));
        assertThat(holt.sse()).isCloseTo(67.69853170788174, within(1e-9));
        assertThat(holt.last().level()).isCloseTo(52.18919235665852, within(1e-9));
        assertThat(holt.last().trend()).isCloseTo(1.3094130998100333, within(1e-9));
        Fit damped = EtsForecaster.run(TRENDING, Kind.DAMPED, new Smoothing(0.3, 0.1, 0, 0.9), states(11, 1.5));
        assertThat(damped.sse()).isCloseTo(100.09188202056436, within(1e-9));
        assertThat(damped.last().level()).isCloseTo(51.40969989886787, within(1e-9));
        assertThat(damped.last().trend()).isCloseTo(1.0698547325551044, within(1e-9));
        Fit simple = EtsForecaster.run(LEVEL_ONLY, Kind.SIMPLE, new Smoothing(0.2, 0, 0, 1), states(21, 0));
        assertThat(simple.sse()).isCloseTo(61.48291569644564, within(1e-9));
        assertThat(simple.last().level()).isCloseTo(21.91113353097275, within(1e-9));
    }

    @Test
    void maximumLikelihoodFitsReachTheReferenceOptimum() {
        Fit simple = ets.fit(TRENDING, Kind.SIMPLE);
        assertThat(simple.sse()).isLessThanOrEqualTo(193.45887452098896 * (1 + 1e-4));
        assertThat(simple.smoothing().alpha()).isCloseTo(0.8492, within(0.005));

        Fit holt = ets.fit(TRENDING, Kind.HOLT);
        assertThat(holt.sse()).isLessThanOrEqualTo(46.43223433809078 * (1 + 1e-4));
        assertThat(holt.initial().level()).isCloseTo(11.4345, within(0.05));
        assertThat(holt.initial().trend()).isCloseTo(1.3655, within(0.01));

        Fit damped = ets.fit(TRENDING, Kind.DAMPED);
        assertThat(damped.sse()).isLessThanOrEqualTo(54.66594085658472 * (1 + 1e-3));
        assertThat(damped.smoothing().phi()).isBetween(0.8, 0.98);
    }

    @Test
    void aiccChoosesTheTrendOnlyWhereThereIsOne() {
        Fit trending = ets.select(TRENDING);
        assertThat(trending.kind()).isEqualTo(Kind.HOLT);
        assertThat(trending.aicc()).isCloseTo(110.74020825036476, within(0.01));
        assertThat(ets.forecast(TRENDING, 3).mean()[0]).isCloseTo(11.4345 + 31 * 1.3655, within(0.2)); // ℓ30 + b30, α ≈ 0

        Fit flat = ets.select(LEVEL_ONLY);
        assertThat(flat.kind()).isEqualTo(Kind.SIMPLE);
        assertThat(flat.aicc()).isCloseTo(77.75844848989627, within(0.01));
        for (double day : ets.forecast(LEVEL_ONLY, 7).mean()) {
            assertThat(day).isCloseTo(21.72, within(0.05));
        }
    }

    @Test
    void aShortHistoryGetsSimpleSmoothingAndDemandNeverGoesNegative() {
        assertThat(ets.select(new double[]{5, 7, 6, 8}).kind()).isEqualTo(Kind.SIMPLE);
        double[] falling = {60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5};
        double[] ahead = ets.forecast(falling, 30).mean();
        assertThat(ahead[29]).isZero(); // the fitted trend would go below zero; demand stops there
        for (double day : ahead) {
            assertThat(day).isGreaterThanOrEqualTo(0);
        }
        assertThat(ets.forecast(new double[]{4}, 2).mean()).containsExactly(4, 4);
    }

    @Test
    void additiveSeasonLeastSquaresInitialStatesMatchTheNumpyReference() {
        Fit fixed = EtsForecaster.profile(WEEKLY, Kind.HOLT_WINTERS, 7, new Smoothing(0.3, 0.05, 0.1, 1),
                new double[8]);
        assertThat(fixed.sse()).isCloseTo(555.6073346899103, within(1e-6));

        Fit level = ets.fit(WEEKLY, Kind.SEASONAL);
        assertThat(level.sse()).isLessThanOrEqualTo(521.0798052700216 * (1 + 1e-4));
        assertThat(level.smoothing().alpha()).isCloseTo(0.2764, within(0.01));
        assertThat(level.aicc()).isCloseTo(308.7208895256283, within(0.01));

        Fit trend = ets.fit(WEEKLY, Kind.HOLT_WINTERS);
        assertThat(trend.sse()).isLessThanOrEqualTo(355.7947594110029 * (1 + 1e-4));
        assertThat(trend.aicc()).isCloseTo(293.7210615724466, within(0.01));
        assertThat(trend.smoothing().gamma()).isLessThan(1 - trend.smoothing().alpha());
        assertThat(trend.smoothing().beta()).isLessThan(trend.smoothing().alpha());
        double[] reference = {60.516326770155615, 64.71632656546947, 68.01632659223968, 69.21632678432735,
                70.3163266567889, 77.6163265623205, 63.81632660011087};
        double[] mean = trend.forecast(7);
        for (int day = 0; day < 7; day++) {
            assertThat(mean[day]).as("day " + (day + 1)).isCloseTo(reference[day], within(0.05));
        }
    }

    // R's parameters and initial states: fit$par (α, β, γ, φ) and fit$initstate (ℓ, b, s1 … sm, s1 the latest).

    @Test
    void rsNonSeasonalFitsRunThroughOurRecursions() {
        reproducesR(TRENDING, Kind.SIMPLE, new Smoothing(0.84933962737906454, 0, 0, 1), 12.441279097170062, 0,
                new double[0], 193.45888867974881, 51.095329358755741, 51.095329358755741);
        reproducesR(TRENDING, Kind.HOLT, new Smoothing(1.7668303855962803e-04, 1.0000489698015106e-04, 0, 1),
                11.4345153595255837, 1.3652404708381916, new double[0], 46.444282065990791,
                53.757161281260949, 55.122416152402984);
        reproducesR(TRENDING, Kind.DAMPED, new Smoothing(0.075880600776780618, 0.066304267531755695, 0,
                        0.979999999805104660), 11.042703379674712, 1.542003565844583, new double[0],
                56.004300544765407, 53.068282498377677, 54.313455541819955);
        reproducesR(NILE, Kind.SIMPLE, new Smoothing(0.24566815365311614, 0, 0, 1), 1110.7340965836506, 0,
                new double[0], 2038674.4382675944, 805.33632932574335, 805.33632932574335);
        reproducesR(WWW_USAGE, Kind.DAMPED, new Smoothing(0.999899842669441652, 0.996641835565594603, 0,
                        0.814910368491219006), 90.350585955649094672, -0.016559011375738401, new double[0],
                1161.3170110582075, 218.36642854854401, 217.03531653865340);
    }

    @Test
    void rsSeasonalFitsRunThroughOurRecursions() {
        reproducesR(WEEKLY, Kind.SEASONAL, new Smoothing(0.28804529879240503565, 0, 0.00010000190258332615, 1),
                54.86525536058768182, 0, new double[]{-4.50384758928443674, 9.26209121928104118, 2.59797560014390738,
                        1.40603361264346449, 0.90220071624667064, -2.40708295274408224, -7.25737060628656483},
                582.28501912215984, 57.664565548111582, 62.514061389738437, 65.823294427741388, 66.327655837214252,
                67.519343187537189, 74.183859552512359, 60.417670797096093, 57.664565548111582);
        reproducesR(WEEKLY, Kind.HOLT_WINTERS, new Smoothing(0.00010305905559636980, 0.00010052785125653314,
                        0.00010244367701342446, 1), 49.44428737563771392, 0.30600591342322986,
                new double[]{-4.57756126212667969, 8.85089476534939301, 2.69248456492527932, 1.67089512876273627,
                        0.29758990453641743, -2.59349143718652408, -6.34081166426062204},
                360.53555294562636, 60.552381914150267, 64.605896736535414, 67.803137209627735, 69.482124957808352,
                70.809602593131586, 77.274771969384204, 64.151835784726728, 62.694906436000657);
        reproducesR(DAILY, Kind.SEASONAL, new Smoothing(0.20609123285904332179, 0, 0.00010000779688602611, 1),
                43.159959094157485993, 0, new double[]{-9.335426524171547058, 18.963846666377374817,
                        4.904076604720769339, -0.474883992261565302, 0.042834901286128976, -4.696632123739174602,
                        -9.403815532211986294},
                485.47634846724281, 42.387987563292540, 47.095323242137155, 51.834910367430489, 51.317423555491104,
                56.695720243495593, 70.755743208306967, 42.456541702497006, 42.387987563292540);
        reproducesR(DAILY, Kind.HOLT_WINTERS, new Smoothing(0.00021109312284314625, 0.00019955454717748513,
                        0.00010324778873847575, 1), 39.776643107981414005, 0.151076137951115713,
                new double[]{-9.206776549754691175, 18.648594887936255304, 4.661499923933508427,
                        -0.106070653638235757, 0.044704298988991947, -4.539507309823729742, -9.502444597642098145},
                345.75502338268501, 43.125395308353035, 48.239271544579353, 52.974930279457787, 52.975096878750271,
                57.893944903490691, 72.032455634194946, 44.327726849176884, 44.183722923015438);
        reproducesR(DAILY, Kind.SEASONAL_MULTIPLICATIVE, new Smoothing(1.9802992014195758e-01, 0,
                        1.0000116518528598e-04, 1), 43.64621502895214888, 0, new double[]{0.79940567341955815,
                        1.40974092577433296, 1.11022779566653496, 1.00087566203341272, 1.00008968645068075,
                        0.89419526335953226, 0.78546499329594788},
                431.49018388000417, 40.351256580485057, 45.936632304136424, 51.376611298304951, 51.416513635087249,
                57.033889984643913, 72.421140966158418, 41.067149739034221, 40.351256580485057);
        reproducesR(DAILY, Kind.HOLT_WINTERS_MULTIPLICATIVE, new Smoothing(4.1216569970747990e-02,
                        1.2746347781059684e-02, 1.0689959678599536e-04, 1), 39.77782667492563462, 0.27855227946195005,
                new double[]{0.80171300024270009, 1.40522221149593540, 1.10858116533972240, 0.99880504468439102,
                        0.99865466691087246, 0.89626425471709215, 0.79075965660928649},
                328.21669849683013, 41.384483855818090, 46.994654309215917, 52.462321738262311, 52.568434799516723,
                58.455316614749492, 74.236990142594166, 42.433026953264886, 41.931989125406105);
        reproducesR(AIR_PASSENGERS, Kind.HOLT_WINTERS_MULTIPLICATIVE, new Smoothing(3.1461094205972812e-01,
                        7.0535495359891794e-03, 5.9772031136026260e-01, 1), 120.37960147962147062,
                1.77572737201834729, new double[]{0.92975941998747946, 0.79460072533104364, 0.90244546563497408,
                        1.04510220208267435, 1.13375241548739258, 1.13877992952706064, 1.05287912841345843,
                        0.96384644562154786, 1.03491798578541783, 1.08069740778869927, 0.98541866181493210,
                        0.93780021252531931},
                16279.385006293456, 445.89009023598533, 418.94779504120368, 466.42979951650000, 496.12911210903212,
                507.14632661166729, 575.62805033952566, 666.65726827794765, 658.49699981679089, 550.09071479460977,
                491.71297648814095, 418.80860052315893, 463.71880536666606, 478.32812217140196);
    }

    /** R's fit, run through our state equations: the same SSE and point forecasts. */
    private static void reproducesR(double[] y, Kind kind, Smoothing smoothing, double level, double trend,
                                    double[] latestSeasonFirst, double sse, double... forecast) {
        int m = latestSeasonFirst.length;
        double[] season = new double[m]; // ours in day order: day 0 uses R's oldest, sm
        for (int i = 0; i < m; i++) {
            season[i] = latestSeasonFirst[m - 1 - i];
        }
        Fit fit = EtsForecaster.run(y, kind, smoothing, new States(level, trend, season));
        assertThat(fit.sse()).as(kind.label).isCloseTo(sse, within(sse * 1e-9));
        double[] mean = fit.forecast(forecast.length);
        for (int h = 0; h < forecast.length; h++) {
            assertThat(mean[h]).as(kind.label + " h=" + (h + 1)).isCloseTo(forecast[h], within(1e-6));
        }
    }

    @Test
    void ourMaximumLikelihoodFitsAreNoWorseThanRs() {
        assertThat(ets.fit(TRENDING, Kind.DAMPED).sse()).isLessThanOrEqualTo(56.004300544765407 * (1 + 1e-6));
        assertThat(ets.fit(NILE, Kind.SIMPLE).sse()).isLessThanOrEqualTo(2038674.4382675944 * (1 + 1e-6));
        assertThat(ets.fit(WWW_USAGE, Kind.DAMPED).sse()).isLessThanOrEqualTo(1161.3170110582075 * (1 + 1e-6));
        assertThat(ets.fit(WEEKLY, Kind.SEASONAL).sse()).isLessThanOrEqualTo(582.28501912215984 * (1 + 1e-6));
        assertThat(ets.fit(DAILY, Kind.SEASONAL).sse()).isLessThanOrEqualTo(485.47634846724281 * (1 + 1e-6));
        assertThat(ets.fit(DAILY, Kind.HOLT_WINTERS).sse()).isLessThanOrEqualTo(345.75502338268501 * (1 + 1e-6));
        assertThat(ets.fit(DAILY, Kind.SEASONAL_MULTIPLICATIVE).sse())
                .isLessThanOrEqualTo(431.49018388000417 * (1 + 1e-4));
        assertThat(ets.fit(DAILY, Kind.HOLT_WINTERS_MULTIPLICATIVE).sse())
                .isLessThanOrEqualTo(328.21669849683013 * (1 + 1e-4));
        assertThat(new EtsForecaster(12).fit(AIR_PASSENGERS, Kind.HOLT_WINTERS_MULTIPLICATIVE).sse())
                .isLessThanOrEqualTo(16279.385006293456 * (1 + 1e-4));
    }

    @Test
    void aiccPicksAMultiplicativeWeekWhereTheSeasonScalesWithTheLevel() {
        Fit daily = ets.select(DAILY);
        assertThat(daily.label()).isEqualTo("ETS(A,A,M)");
        assertThat(new EtsForecaster(12).select(AIR_PASSENGERS).label()).isEqualTo("ETS(A,A,M)");
    }

    @Test
    void aDayWithoutDemandRulesOutAMultiplicativeSeason() {
        double[] withClosedDay = DAILY.clone();
        withClosedDay[30] = 0;
        assertThat(ets.select(withClosedDay).kind().seasonality).isNotEqualTo(EtsForecaster.Seasonality.MULTIPLICATIVE);
        assertThatThrownBy(() -> ets.fit(withClosedDay, Kind.SEASONAL_MULTIPLICATIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> ets.fit(new double[13], Kind.SEASONAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two seasons");
    }

    /** Prints (does not assert) the cost of a full selection on two years of daily demand. */
    @Test
    void timesTheSelectionOnTwoYearsOfDailyDemand() {
        double[] profile = {0.8, 0.9, 1.0, 1.0, 1.1, 1.4, 0.8};
        double[] seasonal = new double[730];
        double[] flat = new double[730];
        for (int t = 0; t < 730; t++) {
            double noise = ((t * 37) % 11 - 5) * 0.6;
            seasonal[t] = Math.max(0.5, (40 + 0.02 * t) * profile[t % 7] + noise);
            flat[t] = 30 + noise;
        }
        for (double[] series : new double[][]{seasonal, flat}) {
            ets.select(series); // warm-up
            int repeats = 5;
            long start = System.nanoTime();
            Fit fit = null;
            for (int i = 0; i < repeats; i++) {
                fit = ets.select(series);
            }
            System.out.printf("ETS selection, 730 days, %s: %.1f ms per series%n", fit.label(),
                    (System.nanoTime() - start) / 1e6 / repeats);
        }
    }
}
