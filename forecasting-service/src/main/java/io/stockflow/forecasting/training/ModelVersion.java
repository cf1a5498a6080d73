package io.stockflow.forecasting.training;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One training run in the model registry: what was trained with which settings, on which days of data, how far it
 * got, how it scored in backtests, and its artifact.
 *
 * @param parameters the settings the run used (members, backtest origins and horizon, horizon of the stored fits)
 * @param metrics    mean backtest accuracy of every model over the series, once the run has finished
 * @param stage      what the run is doing now, or last did (learned models' epochs, then the series)
 * @param learnedModels the learned models the run trained, with their artifacts
 */
public record ModelVersion(long version, String model, String status, String requestedBy,
                           Map<String, Object> parameters, int seriesTotal, int seriesDone, int seriesFailed,
                           LocalDate trainingFrom, LocalDate trainingTo, Map<String, Object> metrics,
                           Artifact artifact, String error, Instant startedAt, Instant finishedAt, String stage,
                           List<LearnedModelRecord> learnedModels) {

    /** Where the run's fitted models are stored, and their checksum. */
    public record Artifact(String path, String sha256, long bytes) {
    }

    public ModelVersion withLearnedModels(List<LearnedModelRecord> learned) {
        return new ModelVersion(version, model, status, requestedBy, parameters, seriesTotal, seriesDone,
                seriesFailed, trainingFrom, trainingTo, metrics, artifact, error, startedAt, finishedAt, stage,
                List.copyOf(learned));
    }

    /** Share of the series done (trained or failed), once the run has listed them. */
    @JsonProperty("progress")
    public Double progress() {
        return seriesTotal == 0 ? null : (double) (seriesDone + seriesFailed) / seriesTotal;
    }
}
