package io.stockflow.forecasting.learned;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import io.stockflow.forecasting.model.DemandSeries;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains {@link GradientBoostedModel}s with LightGBM: rows sampled from every series (origins spread over the last
 * year, a few days ahead each), one series in ten held out to stop boosting when its error no longer falls. The loss
 * is Tweedie's (variance power 1.2, log link), as for retail counts in the M5 competition: predictions are positive
 * without clipping, so slow movers are not forecast a floor of demand they never have.
 */
public final class GradientBoostedTrainer {

    /**
     * @param horizon          days ahead forecast directly
     * @param originsPerSeries forecast origins sampled per series
     * @param daysPerOrigin    days ahead sampled per origin (rows of one origin are alike: a few suffice)
     * @param maxIterations    boosting rounds at most
     * @param patience         rounds without a better validation error before stopping
     * @param threads          LightGBM threads while training
     */
    public record Settings(int horizon, int originsPerSeries, int daysPerOrigin, int maxIterations, int patience,
                           double learningRate, int leaves, int minDataInLeaf, int threads, long seed) {

        public Settings {
            if (horizon < 1 || originsPerSeries < 1 || daysPerOrigin < 1 || daysPerOrigin > horizon
                    || maxIterations < 1 || patience < 1 || !(learningRate > 0) || leaves < 2 || minDataInLeaf < 1
                    || threads < 1) {
                throw new IllegalArgumentException("Invalid gradient-boosting settings");
            }
        }

        public static Settings defaults() {
            return new Settings(28, 12, 7, 800, 40, 0.05, 63, 100,
                    Runtime.getRuntime().availableProcessors(), 42);
        }

        public Settings withThreads(int count) {
            return new Settings(horizon, originsPerSeries, daysPerOrigin, maxIterations, patience, learningRate, leaves,
                    minDataInLeaf, count, seed);
        }
    }

    /** One series in this many is held out for early stopping. */
    private static final int VALIDATION_EVERY = 10;
    private static final int YEAR = 364;
    private static final int TOP_INPUTS = 8;

    private final Settings settings;

    public GradientBoostedTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param trainedThrough the last day of demand to learn from; later days of every series are hidden
     * @param progress       told of the boosting rounds as they go
     */
    public GradientBoostedModel train(List<DemandSeries> panel, LocalDate trainedThrough, Consumer<String> progress) {
        LightGbmLibrary.require();
        long started = System.nanoTime();
        List<String> regressors = SeriesFeatures.regressorNames(panel);
        BoostingFeatures features = new BoostingFeatures(regressors);
        int width = features.width();
        Rows training = new Rows(width);
        Rows validation = new Rows(width);
        boolean holdOut = panel.size() >= VALIDATION_EVERY;
        Random random = new Random(settings.seed());
        int seriesUsed = 0;
        for (int s = 0; s < panel.size(); s++) {
            DemandSeries series = panel.get(s);
            int known = (int) Math.min(series.length(),
                    ChronoUnit.DAYS.between(series.start(), trainedThrough) + 1);
            int lastOrigin = known - settings.horizon();
            int firstOrigin = Math.max(BoostingFeatures.MIN_HISTORY, lastOrigin - YEAR);
            if (lastOrigin < firstOrigin) {
                continue;
            }
            seriesUsed++;
            Rows rows = holdOut && s % VALIDATION_EVERY == VALIDATION_EVERY - 1 ? validation : training;
            for (int o = 0; o < settings.originsPerSeries(); o++) {
                int origin = firstOrigin + random.nextInt(lastOrigin - firstOrigin + 1);
                BoostingFeatures.Context context = features.context(series, origin);
                for (int ahead : distinctDays(random)) {
                    int t = origin + ahead - 1;
                    int offset = rows.add((float) (context.demand[t] / context.scale));
                    features.write(rows.matrix, offset, context, origin, t);
                }
            }
        }
        if (training.count == 0) {
            throw new IllegalArgumentException("No series has the " + (BoostingFeatures.MIN_HISTORY
                    + settings.horizon()) + " days of history up to " + trainedThrough + " that training needs");
        }
        try (LGBMDataset train = training.dataset(features.names(), null);
             LGBMDataset valid = validation.count == 0 ? null : validation.dataset(features.names(), train)) {
            LGBMBooster booster = LGBMBooster.create(train, parameters());
            int best = settings.maxIterations();
            double bestLoss = Double.POSITIVE_INFINITY;
            int iterations = 0;
            try {
                if (valid != null) {
                    booster.addValidData(valid);
                }
                for (int round = 1; round <= settings.maxIterations(); round++) {
                    iterations = round;
                    if (booster.updateOneIter()) {
                        break;
                    }
                    if (valid != null) {
                        double loss = booster.getEval(1)[0];
                        if (loss < bestLoss) {
                            bestLoss = loss;
                            best = round;
                        } else if (round - best >= settings.patience()) {
                            break;
                        }
                    }
                    if (round % 50 == 0) {
                        progress.accept(String.format(Locale.ROOT, "gbm: boosting round %d, validation loss %.4f",
                                round, bestLoss));
                    }
                }
                if (valid == null) {
                    best = iterations;
                }
                LGBMBooster chosen = LGBMBooster.loadModelFromString(
                        booster.saveModelToString(0, best, LGBMBooster.FeatureImportanceType.GAIN));
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("series", seriesUsed);
                stats.put("training_rows", training.count);
                stats.put("validation_rows", validation.count);
                stats.put("boosting_rounds", best);
                if (Double.isFinite(bestLoss)) {
                    // A panel too small to hold series out trains on all of them, with no validation loss.
                    stats.put("validation_tweedie_loss", bestLoss);
                }
                stats.put("train_seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
                stats.put("threads", settings.threads());
                stats.put("top_inputs_by_gain", topInputs(chosen, features.names()));
                return new GradientBoostedModel(chosen,
                        new GlobalModelSpec(trainedThrough, settings.horizon(), BoostingFeatures.MIN_HISTORY,
                                regressors), stats);
            } finally {
                booster.close();
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }
    }

    /** The inputs the booster gained most from, most first: what a planner asks a model it is to trust. */
    private static List<String> topInputs(LGBMBooster booster, List<String> names) throws LGBMException {
        double[] gains = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
        return IntStream.range(0, names.size()).boxed().filter(i -> gains[i] > 0)
                .sorted(Comparator.comparingDouble(i -> -gains[i])).limit(TOP_INPUTS).map(names::get).toList();
    }

    private String parameters() {
        return String.format(Locale.ROOT, "objective=tweedie tweedie_variance_power=1.2 metric=tweedie "
                        + "learning_rate=%s num_leaves=%d "
                        + "min_data_in_leaf=%d feature_fraction=0.9 bagging_fraction=0.8 bagging_freq=1 lambda_l2=1 "
                        + "max_bin=255 num_threads=%d seed=%d deterministic=true force_row_wise=true verbosity=-1",
                settings.learningRate(), settings.leaves(), settings.minDataInLeaf(), settings.threads(),
                settings.seed());
    }

    private int[] distinctDays(Random random) {
        int[] days = new int[settings.horizon()];
        for (int i = 0; i < days.length; i++) {
            days[i] = i + 1;
        }
        for (int i = 0; i < settings.daysPerOrigin(); i++) {
            int j = i + random.nextInt(days.length - i);
            int swap = days[i];
            days[i] = days[j];
            days[j] = swap;
        }
        int[] chosen = new int[settings.daysPerOrigin()];
        System.arraycopy(days, 0, chosen, 0, chosen.length);
        return chosen;
    }

    /** Rows and labels in growing float arrays, row-major as LightGBM reads them. */
    private static final class Rows {
        private final int width;
        float[] matrix;
        private float[] labels = new float[1024];
        int count;

        Rows(int width) {
            this.width = width;
            this.matrix = new float[width * labels.length];
        }

        /** Adds a row with its label; returns the offset of its first input. */
        int add(float label) {
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
                matrix = Arrays.copyOf(matrix, labels.length * width);
            }
            labels[count] = label;
            return width * count++;
        }

        LGBMDataset dataset(List<String> names, LGBMDataset reference) throws LGBMException {
            LGBMDataset dataset = LGBMDataset.createFromMat(Arrays.copyOf(matrix, count * width), count, width, true,
                    "max_bin=255", reference);
            dataset.setField("label", Arrays.copyOf(labels, count));
            dataset.setFeatureNames(names.toArray(String[]::new));
            return dataset;
        }
    }
}
