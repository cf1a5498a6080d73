package io.stockflow.forecasting.batch;

import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.forecasting.forecast.QuantileTables;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.learned.GradientBoostedTrainer;
import io.stockflow.forecasting.learned.LearnedSnapshots;
import io.stockflow.forecasting.learned.LstmTrainer;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.model.Forecaster;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forecasts every series of a long-format CSV (series_id, date, quantity, optional regressors) and writes a CSV of
 * forecasts with quantiles — the same models and calibration as the service, so any external tool can score them.
 *
 * <pre>deploy/forecast-csv.sh --input history.csv --output forecasts.csv [--horizon 28] [--model ensemble]
 *     [--quantiles 0.1,0.5,0.9,0.95,0.99] [--threads N] [--learned true]</pre>
 *
 * The learned models (gbm, lstm) are trained on the input panel itself: by name, or for the ensemble with
 * {@code --learned true}.
 *
 * Output columns: series_id, date, model, point, one column per quantile (p10, p50…), members (name:weight;…),
 * note. Exit status 2 on bad arguments or input, with the reason on stderr.
 */
public final class BatchForecast {

    private BatchForecast() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Options options = Options.parse(args);
            List<SeriesPanel.Entry> panel;
            try (Reader reader = Files.newBufferedReader(options.input, StandardCharsets.UTF_8)) {
                panel = SeriesPanel.fromCsv(reader);
            }
            long started = System.nanoTime();
            int rows = run(panel, options);
            System.err.printf(Locale.ROOT, "%d series, %d forecast rows in %.1f s -> %s%n", panel.size(), rows,
                    (System.nanoTime() - started) / 1e9, options.output);
        } catch (IllegalArgumentException badInput) {
            System.err.println("forecast-csv: " + badInput.getMessage());
            System.exit(2);
        }
    }

    static int run(List<SeriesPanel.Entry> panel, Options options) throws IOException, InterruptedException,
            ExecutionException {
        QuantileTables tables = new QuantileTables(options.quantiles);
        List<Forecaster> candidates = candidates(panel, options);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads);
        try (BufferedWriter out = Files.newBufferedWriter(options.output, StandardCharsets.UTF_8)) {
            out.write("series_id,date,model,point," + String.join(",", tables.names()) + ",members,note\n");
            List<Future<String>> results = new ArrayList<>(panel.size());
            for (SeriesPanel.Entry entry : panel) {
                results.add(pool.submit(() -> lines(entry, candidates, options, tables)));
            }
            int rows = 0;
            for (Future<String> result : results) {
                out.write(result.get());
                rows += options.horizon;
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The models to backtest: the statistical members, or one of them; the learned models are trained on the panel
     * itself when asked for by name or, for the ensemble, with {@code --learned true}.
     */
    private static List<Forecaster> candidates(List<SeriesPanel.Entry> panel, Options options) {
        List<String> learnedNames = ForecastModels.isLearned(options.model) ? List.of(options.model)
                : EnsembleForecaster.NAME.equals(options.model) && options.learned ? ForecastModels.LEARNED
                : List.of();
        List<Forecaster> candidates = new ArrayList<>();
        if (EnsembleForecaster.NAME.equals(options.model)) {
            candidates.addAll(ForecastModels.defaultMembers());
        } else if (learnedNames.isEmpty()) {
            candidates.add(ForecastModels.member(options.model).orElseThrow());
        }
        if (learnedNames.isEmpty()) {
            return candidates;
        }
        List<DemandSeries> series = panel.stream().map(SeriesPanel.Entry::series).toList();
        LocalDate earliestEnd = series.stream().map(one -> one.start().plusDays(one.length() - 1L))
                .min(LocalDate::compareTo).orElseThrow();
        LocalDate latestEnd = series.stream().map(one -> one.start().plusDays(one.length() - 1L))
                .max(LocalDate::compareTo).orElseThrow();
        EnsembleForecaster.Settings settings = EnsembleForecaster.Settings.defaults();
        LearnedSnapshots training = new LearnedSnapshots(
                new GradientBoostedTrainer(GradientBoostedTrainer.Settings.defaults()),
                new LstmTrainer(LstmTrainer.Settings.defaults()));
        for (String name : learnedNames) {
            GlobalModelForecaster learned = new GlobalModelForecaster(training.train(name, series,
                    LearnedSnapshots.backtestThrough(earliestEnd, settings), latestEnd, System.err::println));
            learned.prepareForEnsemble(series, new EnsembleForecaster(List.of(learned), settings));
            candidates.add(learned);
        }
        return candidates;
    }

    private static String lines(SeriesPanel.Entry entry, List<Forecaster> candidates, Options options,
                                QuantileTables tables) {
        EnsembleForecaster.Fit fit = new EnsembleForecaster(candidates, EnsembleForecaster.Settings.defaults())
                .fit(entry.series(), options.horizon);
        StringBuilder members = new StringBuilder();
        for (EnsembleForecaster.Member member : fit.members()) {
            members.append(members.isEmpty() ? "" : ";").append(member.model()).append(':')
                    .append(String.format(Locale.ROOT, "%.4f", member.weight()));
        }
        String note = fit.note() == null ? "" : '"' + fit.note().replace("\"", "\"\"") + '"';
        StringBuilder lines = new StringBuilder();
        List<ForecastDay> days = tables.daily(fit, entry.series().start().plusDays(entry.series().length() - 1L), options.horizon);
        String id = entry.id().contains(",") || entry.id().contains("\"")
                ? '"' + entry.id().replace("\"", "\"\"") + '"' : entry.id();
        for (ForecastDay day : days) {
            lines.append(id).append(',').append(day.date()).append(',').append(options.model).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", day.point()));
            for (Map.Entry<String, Double> quantile : day.quantiles().entrySet()) {
                lines.append(',').append(String.format(Locale.ROOT, "%.4f", quantile.getValue()));
            }
            lines.append(',').append(members).append(',').append(note).append('\n');
        }
        return lines.toString();
    }

    /** Command-line options. */
    record Options(Path input, Path output, int horizon, String model, double[] quantiles, int threads,
                   boolean learned) {

        static Options parse(String[] args) {
            Path input = null;
            Path output = null;
            int horizon = 28;
            String model = EnsembleForecaster.NAME;
            double[] quantiles = {0.1, 0.5, 0.9, 0.95, 0.99};
            int threads = Runtime.getRuntime().availableProcessors();
            boolean learned = false;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--input" -> input = Path.of(require(value, "--input"));
                    case "--output" -> output = Path.of(require(value, "--output"));
                    case "--horizon" -> horizon = Integer.parseInt(require(value, "--horizon"));
                    case "--model" -> model = require(value, "--model");
                    case "--quantiles" -> quantiles = Arrays.stream(require(value, "--quantiles").split(","))
                            .mapToDouble(Double::parseDouble).toArray();
                    case "--threads" -> threads = Integer.parseInt(require(value, "--threads"));
                    case "--learned" -> learned = Boolean.parseBoolean(require(value, "--learned"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (input == null || output == null) {
                throw new IllegalArgumentException("--input and --output are required");
            }
            if (horizon < 1 || horizon > 365) {
                throw new IllegalArgumentException("--horizon must be between 1 and 365");
            }
            if (!ForecastModels.names().contains(model)) {
                throw new IllegalArgumentException("unknown model " + model + "; valid models are "
                        + ForecastModels.names());
            }
            for (double level : quantiles) {
                if (!(level > 0 && level < 1)) {
                    throw new IllegalArgumentException("quantile levels must lie in (0, 1)");
                }
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            return new Options(input, output, horizon, model, quantiles, threads, learned);
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
