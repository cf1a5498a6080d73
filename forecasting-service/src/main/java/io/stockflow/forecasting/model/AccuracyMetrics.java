package io.stockflow.forecasting.model;

/**
 * Point-forecast accuracy of one series over an evaluation window, with the definitions of Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), §5.8, and Hyndman & Koehler (2006) for MASE:
 * <ul>
 *   <li>MAE = mean |e|, RMSE = √mean e², with e = actual − forecast;</li>
 *   <li>MAPE = 100·mean |e/actual| over the days with actual ≠ 0 (undefined, NaN, when there are none — daily
 *       retail demand has many zero days, which is why WAPE and MASE are the ones to compare);</li>
 *   <li>sMAPE = 100·mean 2|e|/(|actual|+|forecast|), a day where both are 0 counting as 0;</li>
 *   <li>MASE = MAE / in-sample MAE of the seasonal naive method on the training history;</li>
 *   <li>WAPE = 100·Σ|e| / Σ|actual|;</li>
 *   <li>bias = mean (forecast − actual): positive when the model over-forecasts.</li>
 * </ul>
 */
public record AccuracyMetrics(double mae, double rmse, double mape, double smape, double mase, double wape,
                              double bias, int days) {

    /**
     * @param training the history the forecast was made from (scales MASE)
     * @param actual   what happened, one value per day of the window
     * @param forecast the forecast for the same days
     * @param period   season length for the MASE scale (7 for daily demand); 1 for the plain naive method
     */
    public static AccuracyMetrics of(double[] training, double[] actual, double[] forecast, int period) {
        if (actual.length == 0 || actual.length != forecast.length) {
            throw new IllegalArgumentException("actual and forecast must cover the same, non-empty window: "
                    + actual.length + " vs " + forecast.length);
        }
        int n = actual.length;
        double absSum = 0;
        double squareSum = 0;
        double percentSum = 0;
        int percentDays = 0;
        double symmetricSum = 0;
        double actualAbsSum = 0;
        double biasSum = 0;
        for (int i = 0; i < n; i++) {
            double error = actual[i] - forecast[i];
            absSum += Math.abs(error);
            squareSum += error * error;
            if (actual[i] != 0) {
                percentSum += Math.abs(error / actual[i]);
                percentDays++;
            }
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            symmetricSum += denominator == 0 ? 0 : 2 * Math.abs(error) / denominator;
            actualAbsSum += Math.abs(actual[i]);
            biasSum -= error;
        }
        double mae = absSum / n;
        double scale = seasonalNaiveInSampleMae(training, period);
        return new AccuracyMetrics(mae, Math.sqrt(squareSum / n),
                percentDays == 0 ? Double.NaN : 100 * percentSum / percentDays,
                100 * symmetricSum / n,
                scale == 0 ? Double.NaN : mae / scale,
                actualAbsSum == 0 ? Double.NaN : 100 * absSum / actualAbsSum,
                biasSum / n, n);
    }

    /** Mean |actual − forecast| over a window of equal length. */
    static double meanAbsoluteError(double[] actual, double[] forecast) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - forecast[i]);
        }
        return sum / actual.length;
    }

    /** Mean |y(t) − y(t−m)| over the training history; NaN when it is shorter than one season plus a day. */
    public static double seasonalNaiveInSampleMae(double[] training, int period) {
        if (training.length <= period) {
            return Double.NaN;
        }
        double sum = 0;
        for (int t = period; t < training.length; t++) {
            sum += Math.abs(training[t] - training[t - period]);
        }
        return sum / (training.length - period);
    }
}
