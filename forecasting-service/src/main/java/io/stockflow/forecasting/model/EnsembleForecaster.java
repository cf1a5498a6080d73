package io.stockflow.forecasting.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A per-series combination of member models chosen and weighted by rolling-origin backtests (Tashman 2000; FPP3
 * §5.10 "time series cross-validation"): for K origins, each H days apart at the end of the history, every member
 * is fitted on the days before the origin and scored on the H days after it by MASE (a member's structure — ETS
 * member, model order — is chosen at the first origin and its parameters refitted at each). The best {@code bestMembers}
 * members are combined with weights proportional to 1/MASE — combinations of a few good models are reliably better
 * than picking one (M4 competition; Petropoulos et al. 2022, §2.6) — and the members are then refitted on the whole
 * history. The ensemble's own backtest errors calibrate its quantiles ({@link ResidualQuantiles}); each member's
 * errors calibrate the member's when a caller asks for one model.
 *
 * <p>A history too short for one backtest of a week after four weeks of training gets the mean of its last days
 * instead, and the fit says so.
 */
public final class EnsembleForecaster implements Forecaster {

    public static final String NAME = "ensemble";

    /** Days of training before the first backtest origin. */
    static final int MIN_TRAINING_DAYS = 28;
    /** The shortest backtest worth scoring: one week. */
    static final int MIN_BACKTEST_DAYS = 7;

    /**
     * @param backtestHorizon days scored after each origin
     * @param origins         backtest origins (K)
     * @param bestMembers     members combined
     * @param seasonPeriod    season of the MASE scale (7 for daily demand)
     */
    public record Settings(int backtestHorizon, int origins, int bestMembers, int seasonPeriod) {

        public Settings {
            if (backtestHorizon < MIN_BACKTEST_DAYS || origins < 1 || bestMembers < 1 || seasonPeriod < 1) {
                throw new IllegalArgumentException("Invalid ensemble settings: backtest horizon >= "
                        + MIN_BACKTEST_DAYS + ", origins, best members and season period >= 1");
            }
        }

        public static Settings defaults() {
            return new Settings(28, 3, 3, 7);
        }
    }

    /**
     * One candidate's backtest.
     *
     * @param score     mean MASE over the origins; +∞ when the member failed
     * @param errors    its out-of-sample errors, one path per origin; null when it failed
     * @param failure   why it could not be scored, or null
     */
    public record MemberBacktest(String name, AccuracyMetrics metrics, double score, ResidualQuantiles errors,
                                 String failure) {

        public boolean scored() {
            return failure == null;
        }
    }

    /** A member in the combination: its forecast over the whole history, as {@code model} names it, and weight. */
    public record Member(String name, String model, double weight, double[] mean) {

        @Override
        public double[] mean() {
            return mean.clone();
        }
    }

    /**
     * A fitted ensemble of one series.
     *
     * @param mean      the combined forecast, one value per day ahead
     * @param errors    the combination's own backtest errors (or, without backtests, the history's deviations from
     *                  its mean)
     * @param backtests every candidate's backtest, scored or failed, best first
     * @param origins   backtest origins used; 0 when the history was too short
     * @param backtestHorizon days scored after each origin
     * @param note      why a simpler forecast was made, or null
     */
    public record Fit(double[] mean, List<Member> members, ResidualQuantiles errors, List<MemberBacktest> backtests,
                      AccuracyMetrics metrics, int origins, int backtestHorizon, String note) {

        @Override
        public double[] mean() {
            return mean.clone();
        }

        public Optional<MemberBacktest> backtest(String member) {
            return backtests.stream().filter(backtest -> backtest.name().equals(member)).findFirst();
        }

        public double[][] quantiles(double[] levels) {
            return errors.daily(mean, levels);
        }
    }

    /** The model that stands in when the history is too short to backtest. */
    public static final String SHORT_HISTORY_MODEL = "recent_mean";

    private final List<Forecaster> candidates;
    private final Settings settings;

    public EnsembleForecaster(List<Forecaster> candidates, Settings settings) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("An ensemble needs at least one candidate");
        }
        this.candidates = List.copyOf(candidates);
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Forecast forecast(double[] history, int horizon) {
        return forecast(DemandSeries.of(LocalDate.EPOCH, history), horizon);
    }

    @Override
    public Forecast forecast(DemandSeries series, int horizon) {
        return new Forecast(NAME, fit(series, horizon).mean());
    }

    /** Backtests every candidate, combines the best, and forecasts {@code horizon} days. */
    public Fit fit(DemandSeries series, int horizon) {
        DemandHistory.requireHorizon(horizon);
        double[] demand = series.demand();
        int n = demand.length;
        int[] originDays = backtestOrigins(n);
        if (originDays.length == 0) {
            return recentMean(demand, horizon, "History of " + n + " days is shorter than the "
                    + (MIN_TRAINING_DAYS + MIN_BACKTEST_DAYS) + " needed to backtest models");
        }
        int origins = originDays.length;
        int testDays = backtestDays(n);

        double[][] actuals = new double[origins][];
        DemandSeries[] trainings = new DemandSeries[origins];
        double[] scales = new double[origins];
        for (int k = 0; k < origins; k++) {
            int originDay = originDays[k];
            trainings[k] = series.truncate(originDay);
            actuals[k] = Arrays.copyOfRange(demand, originDay, originDay + testDays);
            double scale = AccuracyMetrics.seasonalNaiveInSampleMae(trainings[k].demand(), settings.seasonPeriod());
            // A constant training window has no naive error to scale by: plain MAE still ranks the members.
            scales[k] = Double.isFinite(scale) && scale > 0 ? scale : 1;
        }

        List<MemberBacktest> backtests = new ArrayList<>();
        List<double[][]> memberForecasts = new ArrayList<>();
        for (Forecaster candidate : candidates) {
            double[][] forecasts = new double[origins][];
            try {
                double score = 0;
                Forecaster atOrigins = candidate.specialisedTo(trainings[0]);
                for (int k = 0; k < origins; k++) {
                    forecasts[k] = atOrigins.forecast(trainings[k], testDays).mean();
                    score += AccuracyMetrics.meanAbsoluteError(actuals[k], forecasts[k]) / scales[k] / origins;
                }
                backtests.add(new MemberBacktest(candidate.name(), pooledMetrics(trainings, actuals, forecasts),
                        score, ResidualQuantiles.fromBacktests(actuals, forecasts), null));
                memberForecasts.add(forecasts);
            } catch (RuntimeException failure) {
                // One model's numerical failure on one series must not cost the series its forecast.
                backtests.add(new MemberBacktest(candidate.name(), null, Double.POSITIVE_INFINITY, null,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage()));
                memberForecasts.add(null);
            }
        }

        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (backtests.get(i).scored()) {
                ranked.add(i);
            }
        }
        if (ranked.isEmpty()) {
            return recentMean(demand, horizon, "No model could be fitted to this history");
        }
        ranked.sort(Comparator.comparingDouble(i -> backtests.get(i).score()));
        List<Integer> chosen = ranked.subList(0, Math.min(settings.bestMembers(), ranked.size()));
        double[] weights = inverseScoreWeights(chosen.stream().mapToDouble(i -> backtests.get(i).score()).toArray());

        double[][] combinedBacktest = new double[origins][testDays];
        double[] mean = new double[horizon];
        List<Member> members = new ArrayList<>();
        for (int c = 0; c < chosen.size(); c++) {
            int index = chosen.get(c);
            Forecast forecast = candidates.get(index).forecast(series, horizon);
            double[] path = forecast.mean();
            for (int day = 0; day < horizon; day++) {
                mean[day] += weights[c] * path[day];
            }
            for (int k = 0; k < origins; k++) {
                for (int h = 0; h < testDays; h++) {
                    combinedBacktest[k][h] += weights[c] * memberForecasts.get(index)[k][h];
                }
            }
            members.add(new Member(candidates.get(index).name(), forecast.model(), weights[c], path));
        }
        List<MemberBacktest> bestFirst = new ArrayList<>();
        ranked.forEach(i -> bestFirst.add(backtests.get(i)));
        backtests.stream().filter(backtest -> !backtest.scored()).forEach(bestFirst::add);
        return new Fit(mean, List.copyOf(members), ResidualQuantiles.fromBacktests(actuals, combinedBacktest),
                List.copyOf(bestFirst), pooledMetrics(trainings, actuals, combinedBacktest), origins, testDays, null);
    }

    /**
     * The days known at each backtest origin of a history of {@code length} days, oldest first; none when the
     * history is too short to backtest. Global models use it to forecast all the backtests of a panel in one batch.
     */
    public int[] backtestOrigins(int length) {
        int origins = settings.origins();
        while (origins > 1 && length - origins * settings.backtestHorizon() < MIN_TRAINING_DAYS) {
            origins--;
        }
        int testDays = backtestDays(length);
        if (testDays < MIN_BACKTEST_DAYS) {
            return new int[0];
        }
        int[] days = new int[origins];
        for (int k = 0; k < origins; k++) {
            days[k] = length - (origins - k) * testDays;
        }
        return days;
    }

    private int backtestDays(int length) {
        return Math.min(settings.backtestHorizon(), length - MIN_TRAINING_DAYS);
    }

    /** Weights ∝ 1/score; a perfect member (score 0) takes all the weight, shared with any other perfect one. */
    static double[] inverseScoreWeights(double[] scores) {
        double[] weights = new double[scores.length];
        boolean anyPerfect = Arrays.stream(scores).anyMatch(score -> score == 0);
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            weights[i] = anyPerfect ? (scores[i] == 0 ? 1 : 0) : 1 / scores[i];
            total += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    /** Accuracy over all backtest days together, scaled (MASE) by the last training window. */
    private AccuracyMetrics pooledMetrics(DemandSeries[] trainings, double[][] actuals, double[][] forecasts) {
        return AccuracyMetrics.of(trainings[trainings.length - 1].demand(), flatten(actuals), flatten(forecasts),
                settings.seasonPeriod());
    }

    private static double[] flatten(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    private Fit recentMean(double[] demand, int horizon, String reason) {
        int days = Math.min(demand.length, MIN_TRAINING_DAYS);
        double[] recent = Arrays.copyOfRange(demand, demand.length - days, demand.length);
        double level = Arrays.stream(recent).average().orElseThrow();
        double[] mean = Forecast.flat(SHORT_HISTORY_MODEL, level, horizon).mean();
        double[] deviations = Arrays.stream(recent).map(value -> value - level).toArray();
        String note = reason + ": forecast is the mean of the last " + days + " days";
        return new Fit(mean, List.of(new Member(SHORT_HISTORY_MODEL, SHORT_HISTORY_MODEL, 1, mean)),
                new ResidualQuantiles(new double[][] {deviations}), List.of(), null, 0, 0, note);
    }
}
