package io.stockflow.forecasting.model.arima;

import java.util.Random;

/**
 * The series the ARIMA tests hold against {@code src/test/reference/arima_reference.R}, run with R 4.2.2, forecast
 * 8.20, urca 1.3.3 and tseries 0.10.53. The script reads {@code arima_daily_demand.csv}, which holds
 * {@link #simulatedDailyDemand} for seeds 1 to 10.
 */
final class ArimaReferenceSeries {

    /** R's {@code lh}: luteinizing hormone, 48 samples at 10-minute intervals. */
    static final double[] LH = {2.4, 2.4, 2.4, 2.2, 2.1, 1.5, 2.3, 2.3, 2.5, 2, 1.9, 1.7, 2.2, 1.8, 3.2, 3.2, 2.7, 2.2,
            2.2, 1.9, 1.9, 1.8, 2.7, 3, 2.3, 2, 2, 2.9, 2.9, 2.7, 2.7, 2.3, 2.6, 2.4, 1.8, 1.7, 1.5, 1.4, 2.1, 3.3,
            3.5, 3.5, 3.1, 2.6, 2.1, 3.4, 3, 2.9};
    /** R's {@code WWWusage}: users connected to a server, one minute apart. */
    static final double[] WWW_USAGE = {88, 84, 85, 85, 84, 85, 83, 85, 88, 89, 91, 99, 104, 112, 126, 138, 146, 151,
            150, 148, 147, 149, 143, 132, 131, 139, 147, 150, 148, 145, 140, 134, 131, 131, 129, 126, 126, 132, 137,
            140, 142, 150, 159, 167, 170, 171, 172, 172, 174, 175, 172, 172, 174, 174, 169, 165, 156, 142, 131, 121,
            112, 104, 102, 99, 99, 95, 88, 84, 84, 87, 89, 88, 85, 86, 89, 91, 91, 94, 101, 110, 121, 135, 145, 149,
            156, 165, 171, 175, 177, 182, 193, 204, 208, 210, 215, 222, 228, 226, 222, 220};
    static final int TWO_YEARS = 730;

    private ArimaReferenceSeries() {
    }

    /**
     * Whole units around 80 a day with a weekly pattern; the noise is AR(1) with φ = 0.6 for odd seeds and a
     * random walk for even ones, so that both stationary and integrated demand are covered.
     */
    static double[] simulatedDailyDemand(long seed, int days) {
        Random random = new Random(seed);
        double[] weekly = {-8, -3, 0, 2, 5, 12, -8};
        boolean randomWalk = seed % 2 == 0;
        double noise = 0;
        double[] demand = new double[days];
        for (int t = 0; t < days; t++) {
            noise = (randomWalk ? 1.0 : 0.6) * noise + (randomWalk ? 1.0 : 4.0) * random.nextGaussian();
            demand[t] = Math.max(0, Math.round(80 + weekly[t % 7] + noise));
        }
        return demand;
    }
}
