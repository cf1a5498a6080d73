package io.stockflow.forecasting.learned;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.ForecastModels;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A LightGBM booster over {@link BoostingFeatures}: lag, rolling-window, calendar and regressor (price, promotion)
 * inputs, one row per series and day ahead, predicted in one call for a whole batch of series.
 */
public final class GradientBoostedModel implements GlobalModel {

    public static final String NAME = ForecastModels.GBM;

    /** Frees a replaced model's native booster once nothing refers to it any more. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final LGBMBooster booster;
    private final Cleaner.Cleanable release;
    private final GlobalModelSpec spec;
    private final BoostingFeatures features;
    private final Map<String, Object> training;
    private boolean closed;

    GradientBoostedModel(LGBMBooster booster, GlobalModelSpec spec, Map<String, Object> training) {
        this.booster = booster;
        this.release = CLEANER.register(this, new Release(booster));
        this.spec = spec;
        this.features = new BoostingFeatures(spec.regressors());
        this.training = Map.copyOf(training);
    }

    /** Reads a model that {@link #save} wrote. */
    public static GradientBoostedModel load(Path file, GlobalModelSpec spec, Map<String, Object> training)
            throws IOException {
        LightGbmLibrary.require();
        try {
            return new GradientBoostedModel(LGBMBooster.loadModelFromString(
                    Files.readString(file, StandardCharsets.UTF_8)), spec, training);
        } catch (LGBMException e) {
            throw new IOException("LightGBM could not read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GlobalModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Object> training() {
        return training;
    }

    @Override
    public synchronized double[][] forecast(List<DemandSeries> series) {
        if (closed) {
            throw new IllegalStateException("This gradient-boosting model has been replaced");
        }
        int horizon = spec.horizon();
        int width = features.width();
        int rows = series.size() * horizon;
        float[] matrix = new float[rows * width];
        double[] scales = new double[series.size()];
        for (int s = 0; s < series.size(); s++) {
            DemandSeries one = series.get(s);
            int origin = one.length();
            BoostingFeatures.Context context = features.context(one, origin);
            scales[s] = context.scale;
            for (int h = 0; h < horizon; h++) {
                features.write(matrix, (s * horizon + h) * width, context, origin, origin + h);
            }
        }
        if (rows == 0) {
            return new double[0][];
        }
        double[] predicted;
        try {
            predicted = booster.predictForMat(matrix, rows, width, true, PredictionType.C_API_PREDICT_NORMAL,
                    "num_threads=1");
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        }
        double[][] forecasts = new double[series.size()][horizon];
        for (int s = 0; s < series.size(); s++) {
            for (int h = 0; h < horizon; h++) {
                forecasts[s][h] = Math.max(0, predicted[s * horizon + h] * scales[s]);
            }
        }
        return forecasts;
    }

    @Override
    public synchronized void save(Path file) throws IOException {
        try {
            Files.writeString(file, booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN),
                    StandardCharsets.UTF_8);
        } catch (LGBMException e) {
            throw new IOException("LightGBM could not write the model: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        release.clean();
    }

    private record Release(LGBMBooster booster) implements Runnable {

        @Override
        public void run() {
            try {
                booster.close();
            } catch (LGBMException ignored) {
                // Freeing native memory cannot fail in a way anyone could act on.
            }
        }
    }
}
