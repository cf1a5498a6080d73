package io.stockflow.forecasting.model;

/**
 * Detects bias building up in live forecast errors, two ways:
 * <ul>
 *   <li>the tracking signal, running sum of errors over mean absolute error (Heizer &amp; Render, Operations
 *       Management, §4 "Monitoring and controlling forecasts"): beyond ±4 MADs the forecast is out of control;</li>
 *   <li>a two-sided tabular CUSUM (Page 1954; Montgomery, Introduction to Statistical Quality Control, §9.1) of
 *       errors standardised by σ ≈ 1.25·MAD, with slack k and decision interval h in σ units: it reacts to a small
 *       persistent shift sooner than the tracking signal.</li>
 * </ul>
 * Errors are actual − forecast, so a positive signal means demand runs above the forecast.
 */
public final class DriftDetector {

    /** Fewer live days than this are not judged: a few days prove nothing. */
    public static final int MIN_DAYS = 7;

    public enum Direction { UNDER_FORECAST, OVER_FORECAST }

    /** The judgement over one window of live errors. */
    public record Assessment(int days, double sumOfErrors, double meanAbsoluteError, double trackingSignal,
                             double cusumHigh, double cusumLow, boolean drifting, Direction direction) {

        public double meanError() {
            return sumOfErrors / days;
        }
    }

    private final double trackingLimit;
    private final double cusumSlack;
    private final double cusumLimit;

    public DriftDetector(double trackingLimit, double cusumSlack, double cusumLimit) {
        if (!(trackingLimit > 0 && cusumSlack >= 0 && cusumLimit > 0)) {
            throw new IllegalArgumentException("Limits must be positive and the slack non-negative");
        }
        this.trackingLimit = trackingLimit;
        this.cusumSlack = cusumSlack;
        this.cusumLimit = cusumLimit;
    }

    /** The usual settings: tracking signal ±4, CUSUM with k = 0.5 and h = 5. */
    public static DriftDetector standard() {
        return new DriftDetector(4, 0.5, 5);
    }

    public double trackingLimit() {
        return trackingLimit;
    }

    public Assessment assess(double[] actual, double[] forecast) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual and forecast must cover the same days");
        }
        int n = actual.length;
        double sum = 0;
        double absoluteSum = 0;
        for (int day = 0; day < n; day++) {
            double error = actual[day] - forecast[day];
            sum += error;
            absoluteSum += Math.abs(error);
        }
        double mad = n == 0 ? 0 : absoluteSum / n;
        if (mad == 0) {
            return new Assessment(n, sum, mad, 0, 0, 0, false, null);
        }
        double sigma = 1.25 * mad;
        double high = 0;
        double low = 0;
        for (int day = 0; day < n; day++) {
            double z = (actual[day] - forecast[day]) / sigma;
            high = Math.max(0, high + z - cusumSlack);
            low = Math.max(0, low - z - cusumSlack);
        }
        double signal = sum / mad;
        // The statistics are reported for any window; drift is only declared on enough days to mean something.
        boolean drifting = n >= MIN_DAYS && (Math.abs(signal) > trackingLimit || Math.max(high, low) > cusumLimit);
        Direction direction = !drifting ? null
                : (Math.abs(signal) > trackingLimit ? signal > 0 : high >= low)
                ? Direction.UNDER_FORECAST : Direction.OVER_FORECAST;
        return new Assessment(n, sum, mad, signal, high, low, drifting, direction);
    }
}
