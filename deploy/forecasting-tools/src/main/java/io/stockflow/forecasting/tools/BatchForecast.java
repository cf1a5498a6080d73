package io.stockflow.forecasting.tools;

import io.stockflow.toolsupport.ToolVersion;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
@Command(name = "deploy/forecast-csv.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false, sortSynopsis = false,
        description = {
                "Forecasts every series of a long-format history CSV into a CSV of forecasts with quantiles, offline, "
                        + "with the forecasting service's models and calibration.",
                "Input: series_id,date,quantity, then any regressor columns; missing days count zero demand; rows "
                        + "with an empty quantity carry regressors over the days to forecast.",
                "Output: series_id,date,model,point, one column per quantile (p10, p50, ...), members "
                        + "(name:weight;...), note."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:forecasts written", "1:failed while forecasting", "2:bad options or input"})
public final class BatchForecast implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "History CSV to forecast.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "CSV of forecasts to write.")
    Path output;

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "28",
            description = "Days to forecast, 1 to 365 (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = EnsembleForecaster.NAME,
            completionCandidates = ModelNames.class,
            description = "Model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--quantiles", paramLabel = "LEVELS", split = ",", defaultValue = "0.1,0.5,0.9,0.95,0.99",
            description = "Quantile levels in (0, 1), comma-separated (default: ${DEFAULT-VALUE}).")
    double[] quantiles;

    @Option(names = "--threads", paramLabel = "N",
            description = "Series forecast in parallel (default: the available processors, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--learned", paramLabel = "true|false", arity = "0..1", defaultValue = "false",
            fallbackValue = "true",
            description = "With the ensemble: train the learned models (gbm, lstm) on the input panel and add them as "
                    + "members (default: ${DEFAULT-VALUE}).")
    boolean learned;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchForecast()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        try {
            List<SeriesPanel.Entry> panel;
            try (Reader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                panel = SeriesPanel.fromCsv(reader);
            }
            long started = System.nanoTime();
            int rows = run(panel);
            System.err.printf(Locale.ROOT, "%d series, %d forecast rows in %.1f s -> %s%n", panel.size(), rows,
                    (System.nanoTime() - started) / 1e9, output);
            return 0;
        } catch (NoSuchFileException missing) {
            return badInput("no such file " + missing.getFile());
        } catch (IllegalArgumentException badInput) {
            return badInput(badInput.getMessage());
        }
    }

    /** The checks picocli's types cannot make: a usage error (exit status 2) naming the option. */
    private void validate() {
        if (horizon < 1 || horizon > 365) {
            throw new ParameterException(spec.commandLine(), "--horizon must be between 1 and 365, got " + horizon);
        }
        if (!ForecastModels.names().contains(model)) {
            throw new ParameterException(spec.commandLine(), "unknown model " + model + "; valid models are "
                    + ForecastModels.names());
        }
        for (double level : quantiles) {
            if (!(level > 0 && level < 1)) {
                throw new ParameterException(spec.commandLine(), "--quantiles: levels must lie in (0, 1), got "
                        + level);
            }
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
    }

    private int badInput(String reason) {
        spec.commandLine().getErr().println("forecast-csv: " + reason);
        return 2;
    }

    /** The model names {@code --model} takes, for its help. */
    static final class ModelNames implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return ForecastModels.names().iterator();
        }
    }

    int run(List<SeriesPanel.Entry> panel) throws IOException, InterruptedException, ExecutionException {
        QuantileTables tables = new QuantileTables(quantiles);
        List<Forecaster> candidates = candidates(panel);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            out.write("series_id,date,model,point," + String.join(",", tables.names()) + ",members,note\n");
            List<Future<String>> results = new ArrayList<>(panel.size());
            for (SeriesPanel.Entry entry : panel) {
                results.add(pool.submit(() -> lines(entry, candidates, tables)));
            }
            int rows = 0;
            for (Future<String> result : results) {
                out.write(result.get());
                rows += horizon;
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
    private List<Forecaster> candidates(List<SeriesPanel.Entry> panel) {
        List<String> learnedNames = ForecastModels.isLearned(model) ? List.of(model)
                : EnsembleForecaster.NAME.equals(model) && learned ? ForecastModels.LEARNED
                : List.of();
        List<Forecaster> candidates = new ArrayList<>();
        if (EnsembleForecaster.NAME.equals(model)) {
            candidates.addAll(ForecastModels.defaultMembers());
        } else if (learnedNames.isEmpty()) {
            candidates.add(ForecastModels.member(model).orElseThrow());
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
            GlobalModelForecaster trained = new GlobalModelForecaster(training.train(name, series,
                    LearnedSnapshots.backtestThrough(earliestEnd, settings), latestEnd, System.err::println));
            trained.prepareForEnsemble(series, new EnsembleForecaster(List.of(trained), settings));
            candidates.add(trained);
        }
        return candidates;
    }

    private String lines(SeriesPanel.Entry entry, List<Forecaster> candidates, QuantileTables tables) {
        EnsembleForecaster.Fit fit = new EnsembleForecaster(candidates, EnsembleForecaster.Settings.defaults())
                .fit(entry.series(), horizon);
        StringBuilder members = new StringBuilder();
        for (EnsembleForecaster.Member member : fit.members()) {
            members.append(members.isEmpty() ? "" : ";").append(member.model()).append(':')
                    .append(String.format(Locale.ROOT, "%.4f", member.weight()));
        }
        String note = fit.note() == null ? "" : '"' + fit.note().replace("\"", "\"\"") + '"';
        StringBuilder lines = new StringBuilder();
        List<ForecastDay> days = tables.daily(fit, entry.series().start().plusDays(entry.series().length() - 1L),
                horizon);
        String id = entry.id().contains(",") || entry.id().contains("\"")
                ? '"' + entry.id().replace("\"", "\"\"") + '"' : entry.id();
        for (ForecastDay day : days) {
            lines.append(id).append(',').append(day.date()).append(',').append(model).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", day.point()));
            for (Map.Entry<String, Double> quantile : day.quantiles().entrySet()) {
                lines.append(',').append(String.format(Locale.ROOT, "%.4f", quantile.getValue()));
            }
            lines.append(',').append(members).append(',').append(note).append('\n');
        }
        return lines.toString();
    }
}
