package io.stockflow.forecasting.learned;

import io.stockflow.forecasting.model.DemandSeries;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains {@link LstmModel}s: windows sampled from every series (a few origins each, not every stride: neighbouring
 * windows teach nearly the same thing), one series in ten held out, epochs until the held-out loss stops falling,
 * the best epoch's weights kept. Seeded: the same panel and settings give the same network. The output layer is a
 * softplus: demand is never negative, and cutting negative outputs at zero afterwards would bias slow movers upwards.
 */
public final class LstmTrainer {

    /**
     * @param horizon           days ahead forecast directly
     * @param lookbackDays      days of history the LSTM reads
     * @param hiddenUnits       LSTM and dense layer width
     * @param windowsPerSeries  training windows sampled per series and epoch
     * @param maxEpochs         epochs at most
     * @param patience          epochs without a better validation loss before stopping
     * @param fineTuneEpochs    epochs that bring the backtest network up to the latest data
     */
    public record Settings(int horizon, int lookbackDays, int hiddenUnits, int windowsPerSeries, int maxWindows,
                           int batchSize, int maxEpochs, int patience, int fineTuneEpochs, double learningRate,
                           long seed) {

        public Settings {
            if (horizon < 1 || lookbackDays < 7 || hiddenUnits < 1 || windowsPerSeries < 1 || maxWindows < 1
                    || batchSize < 1 || maxEpochs < 1 || patience < 1 || fineTuneEpochs < 0 || !(learningRate > 0)) {
                throw new IllegalArgumentException("Invalid LSTM settings");
            }
        }

        public static Settings defaults() {
            return new Settings(28, 28, 32, 16, 40_000, 64, 10, 2, 1, 3e-3, 42);
        }

        public Settings withEpochs(int epochs) {
            return new Settings(horizon, lookbackDays, hiddenUnits, windowsPerSeries, maxWindows, batchSize, epochs,
                    patience, fineTuneEpochs, learningRate, seed);
        }

        public Settings withMaxWindows(int windows) {
            return new Settings(horizon, lookbackDays, hiddenUnits, windowsPerSeries, windows, batchSize, maxEpochs,
                    patience, fineTuneEpochs, learningRate, seed);
        }

        /** Windows per series and epoch: fewer on large panels, so that an epoch's time stays bounded. */
        int windowsPerSeries(int series) {
            return Math.max(1, Math.min(windowsPerSeries, maxWindows / Math.max(1, series)));
        }
    }

    /** Training needs at least this much history before an origin. */
    static final int MIN_HISTORY = 28;
    private static final int VALIDATION_EVERY = 10;
    private static final int YEAR = 364;

    private final Settings settings;

    public LstmTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param trainedThrough the last day of demand to learn from
     * @param progress       told of each epoch's losses
     */
    public LstmModel train(List<DemandSeries> panel, LocalDate trainedThrough, Consumer<String> progress) {
        GlobalModelSpec spec = new GlobalModelSpec(trainedThrough, settings.horizon(), settings.lookbackDays(),
                SeriesFeatures.regressorNames(panel));
        ComputationGraph network = new ComputationGraph(configuration(new LstmWindows(spec)));
        network.init();
        return fit(network, spec, panel, settings.maxEpochs(), progress);
    }

    /**
     * Brings a trained network up to later data: {@link Settings#fineTuneEpochs} more epochs from its weights on
     * windows that reach {@code trainedThrough}. Cheaper than training anew, and the network that was backtested
     * stays the starting point of the one that forecasts.
     */
    public LstmModel fineTune(LstmModel trained, List<DemandSeries> panel, LocalDate trainedThrough,
                              Consumer<String> progress) {
        GlobalModelSpec spec = new GlobalModelSpec(trainedThrough, trained.spec().horizon(),
                trained.spec().lookbackDays(), trained.spec().regressors());
        if (settings.fineTuneEpochs() == 0) {
            return new LstmModel(trained.network().clone(), spec, trained.training());
        }
        return fit(trained.network().clone(), spec, panel, settings.fineTuneEpochs(), progress);
    }

    private LstmModel fit(ComputationGraph network, GlobalModelSpec spec, List<DemandSeries> panel, int epochs,
                          Consumer<String> progress) {
        long started = System.nanoTime();
        LstmWindows shapes = new LstmWindows(spec);
        Random random = new Random(settings.seed());
        List<LstmWindows.Window> training = new ArrayList<>();
        List<LstmWindows.Window> validation = new ArrayList<>();
        boolean holdOut = panel.size() >= VALIDATION_EVERY;
        int perSeries = settings.windowsPerSeries(panel.size());
        int seriesUsed = 0;
        for (int s = 0; s < panel.size(); s++) {
            DemandSeries series = panel.get(s);
            int known = (int) Math.min(series.length(),
                    ChronoUnit.DAYS.between(series.start(), spec.trainedThrough()) + 1);
            int lastOrigin = known - spec.horizon();
            int firstOrigin = Math.max(MIN_HISTORY, lastOrigin - YEAR);
            if (lastOrigin < firstOrigin) {
                continue;
            }
            seriesUsed++;
            double[] demand = series.demand();
            List<LstmWindows.Window> into = holdOut && s % VALIDATION_EVERY == VALIDATION_EVERY - 1
                    ? validation : training;
            for (int w = 0; w < perSeries; w++) {
                into.add(new LstmWindows.Window(series, demand,
                        firstOrigin + random.nextInt(lastOrigin - firstOrigin + 1)));
            }
        }
        if (training.isEmpty()) {
            throw new IllegalArgumentException("No series has the " + (MIN_HISTORY + spec.horizon())
                    + " days of history up to " + spec.trainedThrough() + " that training needs");
        }
        List<MultiDataSet> validationBatches = batches(shapes, validation);
        INDArray best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epochsRun = 0;
        double trainingLoss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            epochsRun = epoch;
            Collections.shuffle(training, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < training.size(); from += settings.batchSize()) {
                MultiDataSet batch = dataSet(shapes.batch(
                        training.subList(from, Math.min(training.size(), from + settings.batchSize())), true));
                network.fit(batch);
                lossSum += network.score();
                batches++;
            }
            trainingLoss = lossSum / batches;
            double validationLoss = validationBatches.isEmpty() ? trainingLoss : loss(network, validationBatches);
            progress.accept(String.format(Locale.ROOT, "lstm: epoch %d of at most %d, training loss %.4f, "
                    + "validation loss %.4f", epoch, epochs, trainingLoss, validationLoss));
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                bestEpoch = epoch;
                best = network.params().dup();
            } else if (epoch - bestEpoch >= settings.patience()) {
                break;
            }
        }
        network.setParams(best);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("series", seriesUsed);
        stats.put("training_windows", training.size());
        stats.put("validation_windows", validation.size());
        stats.put("epochs_run", epochsRun);
        stats.put("best_epoch", bestEpoch);
        stats.put("training_loss", trainingLoss);
        stats.put("validation_loss", bestLoss);
        stats.put("train_seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        stats.put("hidden_units", settings.hiddenUnits());
        stats.put("parameters", network.numParams());
        return new LstmModel(network, spec, stats);
    }

    private ComputationGraphConfiguration configuration(LstmWindows shapes) {
        int hidden = settings.hiddenUnits();
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(settings.learningRate()))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(1.0)
                .graphBuilder()
                .addInputs("history", "ahead")
                .setInputTypes(InputType.recurrent(shapes.sequenceFeatures(), settings.lookbackDays()),
                        InputType.feedForward(shapes.aheadFeatures()))
                .addLayer("lstm", new LSTM.Builder().nOut(hidden).activation(Activation.TANH).build(), "history")
                .addVertex("last", new LastTimeStepVertex("history"), "lstm")
                .addVertex("joined", new MergeVertex(), "last", "ahead")
                .addLayer("dense", new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build(),
                        "joined")
                .addLayer("days_ahead", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nOut(settings.horizon()).activation(Activation.SOFTPLUS).build(), "dense")
                .setOutputs("days_ahead")
                .build();
    }

    private List<MultiDataSet> batches(LstmWindows shapes, List<LstmWindows.Window> windows) {
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += settings.batchSize()) {
            batches.add(dataSet(shapes.batch(windows.subList(from, Math.min(windows.size(),
                    from + settings.batchSize())), true)));
        }
        return batches;
    }

    private static MultiDataSet dataSet(LstmWindows.Batch batch) {
        return new MultiDataSet(new INDArray[] {batch.history(), batch.ahead()}, new INDArray[] {batch.labels()});
    }

    private static double loss(ComputationGraph network, List<MultiDataSet> batches) {
        double sum = 0;
        long windows = 0;
        for (MultiDataSet batch : batches) {
            long size = batch.getFeatures(0).size(0);
            sum += network.score(batch) * size;
            windows += size;
        }
        return sum / windows;
    }
}
