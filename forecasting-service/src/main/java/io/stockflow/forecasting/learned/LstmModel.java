package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.ForecastModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Deeplearning4j network trained across all series: an LSTM reads the last weeks of a series, a dense layer joins
 * its final state with what is known of the days ahead, and the output layer gives every day of the horizon at once
 * (direct multi-horizon: no forecast is fed back as input).
 */
public final class LstmModel implements GlobalModel {

    public static final String NAME = ForecastModels.LSTM;
    /** Series forecast per forward pass: bounds the memory of one pass. */
    private static final int INFERENCE_BATCH = 4096;

    private final ComputationGraph network;
    private final GlobalModelSpec spec;
    private final LstmWindows windows;
    private final Map<String, Object> training;
    private boolean closed;

    LstmModel(ComputationGraph network, GlobalModelSpec spec, Map<String, Object> training) {
        this.network = network;
        this.spec = spec;
        this.windows = new LstmWindows(spec);
        this.training = Map.copyOf(training);
    }

    /** Reads a network that {@link #save} wrote. */
    public static LstmModel load(Path file, GlobalModelSpec spec, Map<String, Object> training) throws IOException {
        return new LstmModel(ModelSerializer.restoreComputationGraph(file.toFile(), false), spec, training);
    }

    ComputationGraph network() {
        return network;
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

    /** A network is not safe for concurrent use: passes take turns. */
    @Override
    public synchronized double[][] forecast(List<DemandSeries> series) {
        if (closed) {
            throw new IllegalStateException("This LSTM has been replaced");
        }
        double[][] forecasts = new double[series.size()][];
        for (int from = 0; from < series.size(); from += INFERENCE_BATCH) {
            List<LstmWindows.Window> batch = new ArrayList<>();
            for (DemandSeries one : series.subList(from, Math.min(series.size(), from + INFERENCE_BATCH))) {
                batch.add(new LstmWindows.Window(one, one.demand(), one.length()));
            }
            LstmWindows.Batch inputs = windows.batch(batch, false);
            INDArray output = network.output(false, inputs.history(), inputs.ahead())[0];
            float[][] scaled = output.toFloatMatrix();
            for (int i = 0; i < batch.size(); i++) {
                double[] path = new double[spec.horizon()];
                for (int h = 0; h < path.length; h++) {
                    path[h] = Math.max(0, scaled[i][h] * inputs.scales()[i]);
                }
                forecasts[from + i] = path;
            }
        }
        return forecasts;
    }

    @Override
    public synchronized void save(Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
