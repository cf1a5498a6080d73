package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.Forecast;
import io.stockflow.forecasting.model.Forecaster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A global model as an ensemble member. It keeps snapshots of the model trained through different days and forecasts
 * each origin with the latest snapshot trained before it, so that the ensemble's backtests score the model only on
 * days it never saw. Forecasts can be {@linkplain #prepare prepared} for many series in one batch; the ensemble then
 * reads them back instead of running the network series by series.
 */
public final class GlobalModelForecaster implements Forecaster, AutoCloseable {

    /** A forecast's inputs: the series up to its origin with all its regressors (two series may share demand). */
    private record Origin(int length, String fingerprint) {

        static Origin of(DemandSeries series) {
            return new Origin(series.length(), series.fingerprint());
        }
    }

    private static final int PREPARE_CHUNK = 1024;

    private final String name;
    private final List<GlobalModel> snapshots;
    private final Map<Origin, double[]> prepared = new ConcurrentHashMap<>();

    /** @param snapshots the same model trained through different days */
    public GlobalModelForecaster(List<GlobalModel> snapshots) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("A global model needs at least one trained snapshot");
        }
        this.name = snapshots.get(0).name();
        this.snapshots = snapshots.stream().sorted(Comparator.comparing(model -> model.spec().trainedThrough()))
                .toList();
    }

    @Override
    public String name() {
        return name;
    }

    public List<GlobalModel> snapshots() {
        return snapshots;
    }

    /** The last day the latest snapshot learned from. */
    public LocalDate trainedThrough() {
        return snapshots.get(snapshots.size() - 1).spec().trainedThrough();
    }

    /** Global models need dates: an undated history cannot be placed after a snapshot's training days. */
    @Override
    public Forecast forecast(double[] history, int horizon) {
        throw new IllegalArgumentException("The " + name + " model forecasts dated series only");
    }

    @Override
    public Forecast forecast(DemandSeries series, int horizon) {
        double[] direct = prepared.get(Origin.of(series));
        if (direct == null) {
            direct = snapshotFor(series).forecast(List.of(series))[0];
        }
        return new Forecast(name, extend(direct, horizon));
    }

    /**
     * Forecasts every given series in batches, one per snapshot, and keeps the results for {@link #forecast}.
     * Series that no snapshot may forecast are left out (forecasting them fails as it would unprepared).
     */
    public void prepare(List<DemandSeries> series) {
        Map<GlobalModel, List<DemandSeries>> bySnapshot = new LinkedHashMap<>();
        for (DemandSeries one : series) {
            snapshotBefore(GlobalModel.origin(one)).ifPresent(snapshot ->
                    bySnapshot.computeIfAbsent(snapshot, key -> new ArrayList<>()).add(one));
        }
        bySnapshot.forEach((snapshot, batch) -> {
            double[][] forecasts = snapshot.forecast(batch);
            for (int i = 0; i < batch.size(); i++) {
                prepared.put(Origin.of(batch.get(i)), forecasts[i]);
            }
        });
    }

    /**
     * Prepares everything an ensemble asks of this model for the given series: its forecast at each backtest origin
     * and at the end of the history. In chunks, so that the truncated copies of a large panel never coexist.
     */
    public void prepareForEnsemble(List<DemandSeries> series, EnsembleForecaster ensemble) {
        for (int from = 0; from < series.size(); from += PREPARE_CHUNK) {
            List<DemandSeries> origins = new ArrayList<>();
            for (DemandSeries one : series.subList(from, Math.min(series.size(), from + PREPARE_CHUNK))) {
                for (int day : ensemble.backtestOrigins(one.length())) {
                    origins.add(one.truncate(day));
                }
                origins.add(one);
            }
            prepare(origins);
        }
    }

    /** Forgets prepared forecasts (a training run prepares them for its own series only). */
    public void clearPrepared() {
        prepared.clear();
    }

    private GlobalModel snapshotFor(DemandSeries series) {
        LocalDate origin = GlobalModel.origin(series);
        return snapshotBefore(origin).orElseThrow(() -> new IllegalArgumentException("The " + name
                + " model was trained through " + snapshots.get(0).spec().trainedThrough()
                + ": it cannot forecast from " + origin + " without having seen the days it would be scored on"));
    }

    private Optional<GlobalModel> snapshotBefore(LocalDate origin) {
        GlobalModel chosen = null;
        for (GlobalModel snapshot : snapshots) {
            if (snapshot.spec().trainedThrough().isBefore(origin)) {
                chosen = snapshot;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /**
     * The direct forecast, then, beyond the model's horizon, its last four weeks' average weekly profile repeated:
     * a global model trained on four weeks ahead says nothing sharper about later days.
     */
    static double[] extend(double[] direct, int horizon) {
        double[] path = new double[horizon];
        System.arraycopy(direct, 0, path, 0, Math.min(horizon, direct.length));
        if (horizon > direct.length) {
            int weeks = Math.min(4, direct.length / 7);
            double[] profile = new double[7];
            int from = direct.length - 7 * Math.max(1, weeks);
            for (int day = Math.max(0, from); day < direct.length; day++) {
                profile[day % 7] += direct[day] / Math.max(1, weeks);
            }
            for (int day = direct.length; day < horizon; day++) {
                path[day] = profile[day % 7];
            }
        }
        return path;
    }

    @Override
    public void close() {
        snapshots.forEach(GlobalModel::close);
    }
}
