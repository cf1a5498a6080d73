package io.stockflow.forecasting.training;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.forecasting.forecast.FitArchive;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The fits of the last successful training run, read back from its artifact: after a restart, forecasts of series
 * whose history has not changed come from the trained models instead of a refit.
 */
public class ArtifactFitArchive implements FitArchive {

    private static final Logger log = LoggerFactory.getLogger(ArtifactFitArchive.class);

    private final JsonMapper json;
    private volatile Map<String, ArchivedFit> fits = Map.of();

    public ArtifactFitArchive(JsonMapper json) {
        this.json = json;
    }

    /** Replaces the archive with a version's artifact; keeps the current one when the file cannot be read. */
    public void load(ModelVersion trained) {
        if (trained.artifact() == null) {
            return;
        }
        Path path = Path.of(trained.artifact().path());
        Map<String, ArchivedFit> loaded = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                ArchivedFit fit = json.readValue(line, ArchivedFit.class);
                loaded.put(key(new SeriesKey(fit.storeId(), fit.productId()), fit.model()), fit);
            }
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Model version {}: artifact {} not loaded ({}); series will be refitted on demand",
                    trained.version(), path, unreadable.toString());
            return;
        }
        fits = loaded;
        log.info("Model version {}: {} fitted series loaded from {}", trained.version(), loaded.size(), path);
    }

    @Override
    public Optional<EnsembleForecaster.Fit> find(SeriesKey series, String model, DemandSeries history) {
        ArchivedFit fit = fits.get(key(series, model));
        if (fit == null || !fit.historyFingerprint().equals(history.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(fit.toFit());
    }

    private static String key(SeriesKey series, String model) {
        return series + "|" + model;
    }
}
