package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.time.LocalDate;
import java.util.List;

/**
 * The LSTM's inputs for a batch of (series, origin) windows: the last {@code lookback} days as a sequence (scaled
 * demand, weekday, regressors, whether the day existed), the known future as a vector (season of the year, the
 * series' volume, the origin's weekday, the recent weekly profile, each regressor's deviation from its usual level on
 * each day ahead), and the scaled demand of the days ahead as the label.
 */
final class LstmWindows {

    private final int lookback;
    private final int horizon;
    private final List<String> regressors;

    LstmWindows(GlobalModelSpec spec) {
        this.lookback = spec.lookbackDays();
        this.horizon = spec.horizon();
        this.regressors = spec.regressors();
    }

    int sequenceFeatures() {
        return 4 + regressors.size();
    }

    int aheadFeatures() {
        return AHEAD_FIXED + regressors.size() * horizon;
    }

    /** Season of the year (2), log scale, the origin's weekday (7) and the last four weeks' weekday profile (7). */
    private static final int AHEAD_FIXED = 17;
    private static final int PROFILE_WEEKS = 4;

    /** A window: {@code series} forecast at {@code origin} (days known). */
    record Window(DemandSeries series, double[] demand, int origin) {
    }

    /** Inputs of a batch, and the scale of each window to turn outputs back into units. */
    record Batch(INDArray history, INDArray ahead, INDArray labels, double[] scales) {
    }

    Batch batch(List<Window> windows, boolean withLabels) {
        int size = windows.size();
        int sequence = sequenceFeatures();
        int known = aheadFeatures();
        float[] history = new float[size * sequence * lookback];
        float[] ahead = new float[size * known];
        float[] labels = withLabels ? new float[size * horizon] : null;
        double[] scales = new double[size];
        for (int w = 0; w < size; w++) {
            Window window = windows.get(w);
            double[] y = window.demand();
            int origin = window.origin();
            double scale = SeriesFeatures.scale(y, origin);
            scales[w] = scale;
            double[][] values = SeriesFeatures.regressors(window.series(), regressors);
            LocalDate start = window.series().start();
            // [batch, feature, time], row-major.
            for (int step = 0; step < lookback; step++) {
                int day = origin - lookback + step;
                LocalDate date = start.plusDays(day);
                int base = w * sequence * lookback + step;
                boolean exists = day >= 0;
                history[base] = exists ? (float) (y[day] / scale) : 0;
                history[base + lookback] = (float) SeriesFeatures.weekdaySin(date);
                history[base + 2 * lookback] = (float) SeriesFeatures.weekdayCos(date);
                history[base + 3 * lookback] = exists ? 1 : 0;
                for (int r = 0; r < regressors.size(); r++) {
                    history[base + (4 + r) * lookback] = (float) SeriesFeatures.value(values[r], day);
                }
            }
            LocalDate originDate = start.plusDays(origin);
            int base = w * known;
            ahead[base] = (float) SeriesFeatures.yearSin(originDate);
            ahead[base + 1] = (float) SeriesFeatures.yearCos(originDate);
            ahead[base + 2] = (float) Math.log(scale);
            ahead[base + 3 + originDate.getDayOfWeek().getValue() - 1] = 1;
            // The mean of each of the last seven days' weekdays over four weeks, in the order they recur ahead: the
            // dense layer can carry the weekly pattern straight to the output (a skip past the LSTM).
            for (int k = 0; k < 7; k++) {
                double sum = 0;
                int count = 0;
                for (int week = 0; week < PROFILE_WEEKS; week++) {
                    int day = origin - 7 + k - 7 * week;
                    if (day >= 0) {
                        sum += y[day];
                        count++;
                    }
                }
                ahead[base + 10 + k] = count == 0 ? 0 : (float) (sum / count / scale);
            }
            for (int r = 0; r < regressors.size(); r++) {
                double usual = SeriesFeatures.usualLevel(values[r], origin);
                for (int h = 0; h < horizon; h++) {
                    ahead[base + AHEAD_FIXED + r * horizon + h] = (float) (SeriesFeatures.value(values[r], origin + h)
                            - usual);
                }
            }
            if (withLabels) {
                for (int h = 0; h < horizon; h++) {
                    labels[w * horizon + h] = (float) (y[origin + h] / scale);
                }
            }
        }
        return new Batch(Nd4j.create(history, new long[] {size, sequence, lookback}, 'c'),
                Nd4j.create(ahead, new long[] {size, known}, 'c'),
                withLabels ? Nd4j.create(labels, new long[] {size, horizon}, 'c') : null, scales);
    }
}
