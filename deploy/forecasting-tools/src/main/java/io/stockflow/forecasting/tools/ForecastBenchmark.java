package io.stockflow.forecasting.tools;

import io.stockflow.toolsupport.CommandLines;
import io.stockflow.toolsupport.ToolVersion;
import io.stockflow.common.synthetic.SyntheticPosConfig;
import io.stockflow.forecasting.forecast.QuantileTables;
import io.stockflow.forecasting.learned.GlobalModel;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.GradientBoostedTrainer;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.learned.LstmTrainer;
import io.stockflow.forecasting.model.AccuracyMetrics;
import io.stockflow.forecasting.model.DemandClassifier;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.model.Forecaster;
import io.stockflow.forecasting.model.arima.ArimaForecaster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forecasting benchmarks on a synthetic panel (docs/benchmarks.md):
 * <ul>
 *   <li>{@code accuracy}: the last {@code --test-days} of every series held out; each default member alone, the
 *       learned models ({@code --learned}, trained on the rest of the panel, with their training and batched
 *       inference times), the statistical ensemble and the ensemble with the learned members forecast them from the
 *       rest; MASE, sMAPE, WAPE, bias per model and demand class, and the coverage of the ensemble's daily and
 *       lead-time quantiles;</li>
 *   <li>{@code speed}: the default ensemble fitted (backtests included) to every series, then forecasts with
 *       quantiles made from the fitted models; wall time, series per second and peak RSS; and the single-series
 *       fit cost of each member, ARIMA included.</li>
 * </ul>
 * <pre>deploy/benchmark-forecasting.sh accuracy --stores 10 --skus 100 --days 730 --test-days 28
 * deploy/benchmark-forecasting.sh speed --stores 20 --skus 500 --days 730 --threads 2</pre>
 */
@Command(name = "deploy/benchmark-forecasting.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        subcommands = {ForecastBenchmark.Accuracy.class, ForecastBenchmark.Speed.class},
        synopsisSubcommandLabel = "(accuracy | speed)",
        description = "Forecasting benchmarks on a synthetic panel (results in docs/benchmarks.md).",
        footer = {"", "Each command and its options:"})
public final class ForecastBenchmark {

    private static final String STATISTICAL = "ensemble_statistical";
    private static final double[] LEVELS = {0.1, 0.5, 0.9, 0.95, 0.99};
    /** A one-week lead time: its totals come from backtest windows, not the normal fallback. */
    private static final int WEEK_LEAD_TIME = 7;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; its --help ends with every command's own help, so that it shows every option. */
    static CommandLine commandLine() {
        return CommandLines.withEveryCommandsHelp(new ForecastBenchmark());
    }

    /** The synthetic panel both benchmarks run on. */
    static final class Panel {

        @Option(names = "--stores", paramLabel = "N", defaultValue = "10",
                description = "Stores of the synthetic panel (default: ${DEFAULT-VALUE}).")
        int stores;

        @Option(names = "--skus", paramLabel = "N", defaultValue = "100",
                description = "SKUs of the synthetic panel (default: ${DEFAULT-VALUE}).")
        int skus;

        @Option(names = "--days", paramLabel = "N", defaultValue = "730",
                description = "Days of history from 2023-01-02 (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "Seed of the synthetic generator (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "N",
                description = "Worker threads (default: the available processors, ${DEFAULT-VALUE} here).")
        int threads = Runtime.getRuntime().availableProcessors();

        List<SeriesPanel.Entry> generate() {
            SyntheticPosConfig config = SyntheticPosConfig.defaults().withSeed(seed).withScale(stores, skus)
                    .withPeriod(LocalDate.of(2023, 1, 2), days);
            long generating = System.nanoTime();
            List<SeriesPanel.Entry> panel = SeriesPanel.synthetic(config);
            System.out.printf(Locale.ROOT, "panel: %d series x %d days (%d stores x %d SKUs, seed %d) generated in "
                            + "%.1f s%n", panel.size(), days, stores, skus, config.seed(),
                    (System.nanoTime() - generating) / 1e9);
            return panel;
        }
    }

    @Command(name = "accuracy", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
            header = "Accuracy of every model on the held-out last days of a synthetic panel.",
            sortOptions = false, sortSynopsis = false,
            description = {"The last --test-days of every series held out; each default member alone, the learned "
                    + "models (trained on the rest of the panel, with their training and batched inference times), "
                    + "the statistical ensemble and the ensemble with the learned members forecast them from the "
                    + "rest: MASE, sMAPE, WAPE and bias per model and demand class, and the coverage of the "
                    + "ensemble's daily and lead-time quantiles."})
    static final class Accuracy implements Callable<Integer> {

        @Mixin
        Panel panel;

        @Option(names = "--test-days", paramLabel = "N", defaultValue = "28",
                description = "Days held out at the end of every series (default: ${DEFAULT-VALUE}).")
        int testDays;

        @Option(names = "--with-arima", paramLabel = "true|false", arity = "0..1", defaultValue = "false",
                fallbackValue = "true", description = "Add ARIMA to the members (default: ${DEFAULT-VALUE}).")
        boolean withArima;

        @Option(names = "--learned", paramLabel = "gbm,lstm|gbm|lstm|none",
                defaultValue = ForecastModels.GBM + "," + ForecastModels.LSTM,
                description = "Learned models trained on the panel and added as members, comma-separated; none for "
                        + "the statistical members only (default: ${DEFAULT-VALUE}).")
        String learned;

        @Option(names = "--lstm-epochs", paramLabel = "N",
                description = "Training epochs of the LSTM at most (default: ${DEFAULT-VALUE}).")
        int lstmEpochs = LstmTrainer.Settings.defaults().maxEpochs();

        @Override
        public Integer call() throws Exception {
            List<SeriesPanel.Entry> entries = panel.generate();
            accuracy(entries, testDays, panel.threads, withArima, List.of(learned.split(",")).stream()
                    .map(String::trim).filter(ForecastModels::isLearned).toList(), lstmEpochs);
            System.out.printf(Locale.ROOT, "peak RSS: %d MB%n", peakRssMb());
            return 0;
        }
    }

    @Command(name = "speed", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
            header = "Fit and forecast throughput of the default ensemble on a synthetic panel.",
            sortOptions = false, sortSynopsis = false,
            description = {"The default ensemble fitted (backtests included) to every series, then forecasts with "
                    + "quantiles made from the fitted models: wall time, series per second and peak RSS; and the "
                    + "single-series fit cost of each member, ARIMA included."})
    static final class Speed implements Callable<Integer> {

        @Mixin
        Panel panel;

        @Override
        public Integer call() throws Exception {
            speed(panel.generate(), panel.threads);
            System.out.printf(Locale.ROOT, "peak RSS: %d MB%n", peakRssMb());
            return 0;
        }
    }

    /** Accuracy of one model over the panel. */
    private static final class Score {
        double maseSum;
        int maseCount;
        double smapeSum;
        int smapeCount;
        double absoluteErrors;
        double actual;
        double biasSum;
        int series;

        synchronized void add(AccuracyMetrics metrics) {
            series++;
            if (Double.isFinite(metrics.mase())) {
                maseSum += metrics.mase();
                maseCount++;
            }
            if (Double.isFinite(metrics.smape())) {
                smapeSum += metrics.smape();
                smapeCount++;
            }
            absoluteErrors += metrics.mae() * metrics.days();
            actual += Double.isFinite(metrics.wape()) && metrics.wape() > 0
                    ? metrics.mae() * metrics.days() * 100 / metrics.wape() : 0;
            biasSum += metrics.bias();
        }

        double mase() {
            return maseSum / maseCount;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.1f | %+.3f |", name, series, mase(),
                    smapeSum / smapeCount, 100 * absoluteErrors / actual, biasSum / series);
        }
    }

    private static void accuracy(List<SeriesPanel.Entry> panel, int testDays, int threads, boolean withArima,
                                 List<String> learned, int lstmEpochs) throws Exception {
        List<Forecaster> members = new ArrayList<>(ForecastModels.defaultMembers());
        if (withArima) {
            members.add(new ArimaForecaster());
        }
        EnsembleForecaster statistical = new EnsembleForecaster(members, EnsembleForecaster.Settings.defaults());
        List<GlobalModelForecaster> learnedMembers = learned.isEmpty() ? List.of()
                : trainLearned(panel, testDays, statistical, learned, lstmEpochs);
        members.addAll(learnedMembers);
        EnsembleForecaster ensemble = new EnsembleForecaster(members, EnsembleForecaster.Settings.defaults());
        Map<String, Score> scores = new LinkedHashMap<>();
        members.forEach(member -> scores.put(member.name(), new Score()));
        scores.put(STATISTICAL, new Score());
        scores.put(EnsembleForecaster.NAME, new Score());
        Map<String, Map<String, Score>> bySegment = new TreeMap<>();
        long[] dailyCovered = new long[LEVELS.length];
        long[] leadCovered = new long[LEVELS.length];
        long[] weekCovered = new long[LEVELS.length];
        long[] counts = new long[2];
        Map<String, Integer> chosen = new TreeMap<>();
        long started = System.nanoTime();
        parallel(panel, threads, entry -> {
            DemandSeries series = entry.series();
            int n = series.length() - testDays;
            DemandSeries training = series.truncate(n);
            double[] actual = Arrays.copyOfRange(series.demand(), n, series.length());
            double[] history = training.demand();
            String segment = DemandClassifier.classify(history).pattern().name().toLowerCase(Locale.ROOT);
            for (Forecaster member : members) {
                AccuracyMetrics metrics = AccuracyMetrics.of(history, actual,
                        member.forecast(training, testDays).mean(), ForecastModels.WEEK);
                scores.get(member.name()).add(metrics);
                segmentScore(bySegment, segment, member.name()).add(metrics);
            }
            if (!learnedMembers.isEmpty()) {
                AccuracyMetrics alone = AccuracyMetrics.of(history, actual,
                        statistical.fit(training, testDays).mean(), ForecastModels.WEEK);
                scores.get(STATISTICAL).add(alone);
                segmentScore(bySegment, segment, STATISTICAL).add(alone);
            }
            EnsembleForecaster.Fit fit = ensemble.fit(training, testDays);
            AccuracyMetrics metrics = AccuracyMetrics.of(history, actual, fit.mean(), ForecastModels.WEEK);
            synchronized (chosen) {
                fit.members().forEach(member -> chosen.merge(member.name(), 1, Integer::sum));
            }
            scores.get(EnsembleForecaster.NAME).add(metrics);
            segmentScore(bySegment, segment, EnsembleForecaster.NAME).add(metrics);
            double[][] quantiles = fit.quantiles(LEVELS);
            double[] leadTime = fit.errors().leadTime(fit.mean(), testDays, LEVELS);
            double[] week = fit.errors().leadTime(fit.mean(), WEEK_LEAD_TIME, LEVELS);
            double total = Arrays.stream(actual).sum();
            double firstWeek = Arrays.stream(actual, 0, WEEK_LEAD_TIME).sum();
            synchronized (counts) {
                for (int q = 0; q < LEVELS.length; q++) {
                    for (int day = 0; day < testDays; day++) {
                        dailyCovered[q] += actual[day] <= quantiles[q][day] ? 1 : 0;
                    }
                    leadCovered[q] += total <= leadTime[q] ? 1 : 0;
                    weekCovered[q] += firstWeek <= week[q] ? 1 : 0;
                }
                counts[0] += testDays;
                counts[1]++;
            }
            return null;
        });
        System.out.printf(Locale.ROOT, "accuracy run: %.1f s, %d threads, last %d days held out%n%n",
                (System.nanoTime() - started) / 1e9, threads, testDays);
        System.out.println("| model | series | MASE | sMAPE % | WAPE % | bias |");
        System.out.println("|---|---|---|---|---|---|");
        scores.forEach((name, score) -> {
            if (score.series > 0) {
                System.out.println(score.row(name));
            }
        });
        double naive = scores.get("seasonal_naive").mase();
        double bestMember = members.stream().mapToDouble(member -> scores.get(member.name()).mase()).min()
                .orElseThrow();
        double ensembleMase = scores.get(EnsembleForecaster.NAME).mase();
        System.out.printf(Locale.ROOT, "%nensemble vs seasonal naive: %.1f%% lower MASE; vs best single member: "
                + "%.1f%% lower%n", 100 * (1 - ensembleMase / naive), 100 * (1 - ensembleMase / bestMember));
        if (!learnedMembers.isEmpty()) {
            System.out.printf(Locale.ROOT, "ensemble with learned members vs statistical ensemble: %.2f%% lower MASE%n",
                    100 * (1 - ensembleMase / scores.get(STATISTICAL).mase()));
        }
        System.out.println("members combined (series using each): " + chosen);
        System.out.println("\n| segment | model | series | MASE | sMAPE % | WAPE % | bias |");
        System.out.println("|---|---|---|---|---|---|---|");
        bySegment.forEach((segment, models) -> models.forEach((name, score) ->
                System.out.println("| " + segment + " " + score.row(name))));
        System.out.printf("%n| quantile | daily coverage | %d-day total coverage | %d-day total coverage |%n",
                WEEK_LEAD_TIME, testDays);
        System.out.println("|---|---|---|---|");
        for (int q = 0; q < LEVELS.length; q++) {
            System.out.printf(Locale.ROOT, "| P%d | %.1f%% | %.1f%% | %.1f%% |%n", Math.round(LEVELS[q] * 100),
                    100.0 * dailyCovered[q] / counts[0], 100.0 * weekCovered[q] / counts[1],
                    100.0 * leadCovered[q] / counts[1]);
        }
    }

    /**
     * Trains the global models on the panel minus its held-out days: one snapshot through the day before the
     * ensemble's first backtest origin (for its backtests), one through the last training day (for the forecast).
     */
    private static List<GlobalModelForecaster> trainLearned(List<SeriesPanel.Entry> panel, int testDays,
                                                            EnsembleForecaster ensemble, List<String> names,
                                                            int lstmEpochs) {
        List<DemandSeries> trainings = panel.stream()
                .map(entry -> entry.series().truncate(entry.series().length() - testDays)).toList();
        LocalDate end = trainings.stream().map(series -> series.start().plusDays(series.length() - 1L))
                .max(LocalDate::compareTo).orElseThrow();
        LocalDate backtestThrough = LearnedSnapshots.backtestThrough(end, EnsembleForecaster.Settings.defaults());
        LearnedSnapshots training = new LearnedSnapshots(
                new GradientBoostedTrainer(GradientBoostedTrainer.Settings.defaults()),
                new LstmTrainer(LstmTrainer.Settings.defaults().withEpochs(lstmEpochs)));
        List<GlobalModelForecaster> learned = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%n| learned model | snapshot trained through | series | rows / windows | "
                + "rounds / epochs | train s |%n|---|---|---|---|---|---|%n");
        for (String name : names) {
            List<GlobalModel> snapshots = training.train(name, trainings, backtestThrough, end,
                    line -> System.out.println("  " + line));
            for (GlobalModel model : snapshots) {
                Map<String, Object> stats = model.training();
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name,
                        model.spec().trainedThrough(), stats.get("series"),
                        stats.getOrDefault("training_rows", stats.get("training_windows")),
                        stats.getOrDefault("boosting_rounds", stats.get("epochs_run")), stats.get("train_seconds"));
            }
            learned.add(new GlobalModelForecaster(snapshots));
        }

        System.out.printf(Locale.ROOT, "%n| batched inference, every series at once | series | s |%n|---|---|---|%n");
        for (GlobalModelForecaster member : learned) {
            GlobalModel model = member.snapshots().get(member.snapshots().size() - 1);
            long inference = System.nanoTime();
            model.forecast(trainings);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f |%n", model.name(), trainings.size(),
                    (System.nanoTime() - inference) / 1e9);
        }
        for (GlobalModelForecaster member : learned) {
            long preparing = System.nanoTime();
            member.prepareForEnsemble(trainings, ensemble);
            System.out.printf(Locale.ROOT, "%s: backtest and final forecasts of every series prepared in %.1f s%n",
                    member.name(), (System.nanoTime() - preparing) / 1e9);
        }
        return learned;
    }

    private static Score segmentScore(Map<String, Map<String, Score>> bySegment, String segment, String model) {
        synchronized (bySegment) {
            return bySegment.computeIfAbsent(segment, key -> new LinkedHashMap<>())
                    .computeIfAbsent(model, key -> new Score());
        }
    }

    private static void speed(List<SeriesPanel.Entry> panel, int threads) throws Exception {
        int horizon = 28;
        EnsembleForecaster ensemble = ForecastModels.defaultEnsemble();
        EnsembleForecaster.Fit[] fits = new EnsembleForecaster.Fit[panel.size()];
        long started = System.nanoTime();
        parallelIndexed(panel.size(), threads, i -> fits[i] = ensemble.fit(panel.get(i).series(), horizon));
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        QuantileTables tables = new QuantileTables(LEVELS);
        List<Integer> leadTimes = QuantileTables.defaultLeadTimes(horizon);
        long forecasting = System.nanoTime();
        parallelIndexed(panel.size(), threads, i -> {
            DemandSeries series = panel.get(i).series();
            LocalDate end = series.start().plusDays(series.length() - 1L);
            tables.daily(fits[i], end, horizon);
            tables.leadTimes(fits[i], horizon, leadTimes);
            return null;
        });
        double forecastSeconds = (System.nanoTime() - forecasting) / 1e9;
        System.out.printf(Locale.ROOT, "%n| step | series | threads | wall s | series/s |%n|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| full refit of the default ensemble (backtests included) | %d | %d | %.1f | %.0f |%n",
                panel.size(), threads, fitSeconds, panel.size() / fitSeconds);
        System.out.printf(Locale.ROOT, "| forecasts with quantiles from the fitted models | %d | %d | %.2f | %.0f |%n",
                panel.size(), threads, forecastSeconds, panel.size() / forecastSeconds);

        List<Forecaster> members = new ArrayList<>(ForecastModels.defaultMembers());
        members.add(new ArimaForecaster());
        int sample = Math.min(200, panel.size());
        System.out.printf(Locale.ROOT, "%n| member | ms per series (one fit + %d-day forecast, single thread, %d series) |%n"
                + "|---|---|%n", horizon, sample);
        for (Forecaster member : members) {
            for (int i = 0; i < Math.min(20, sample); i++) {
                member.forecast(panel.get(i).series(), horizon);
            }
            long memberStart = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                member.forecast(panel.get(i * (panel.size() / sample)).series(), horizon);
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f |%n", member.name(),
                    (System.nanoTime() - memberStart) / 1e6 / sample);
        }
    }

    private interface SeriesTask {
        Void run(SeriesPanel.Entry entry) throws Exception;
    }

    private interface IndexedTask {
        Object run(int index) throws Exception;
    }

    private static void parallel(List<SeriesPanel.Entry> panel, int threads, SeriesTask task) throws Exception {
        parallelIndexed(panel.size(), threads, i -> task.run(panel.get(i)));
    }

    private static void parallelIndexed(int count, int threads, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            int chunk = Math.max(1, count / (threads * 16));
            for (int from = 0; from < count; from += chunk) {
                int start = from;
                int end = Math.min(count, from + chunk);
                Callable<Object> work = () -> {
                    for (int i = start; i < end; i++) {
                        task.run(i);
                    }
                    return null;
                };
                futures.add(pool.submit(work));
            }
            for (Future<Object> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
    }
}
