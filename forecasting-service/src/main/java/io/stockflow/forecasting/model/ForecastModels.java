package io.stockflow.forecasting.model;

import io.stockflow.forecasting.model.arima.ArimaForecaster;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The models a caller can name, and the default members of the ensemble. */
public final class ForecastModels {

    /** Daily demand repeats weekly. */
    public static final int WEEK = 7;

    /** The global gradient-boosting model's name. */
    public static final String GBM = "gbm";
    /** The global LSTM's name. */
    public static final String LSTM = "lstm";
    /**
     * Models trained across all series by a training run (io.stockflow.forecasting.learned): members of the ensemble
     * once trained, where their native libraries load.
     */
    public static final List<String> LEARNED = List.of(GBM, LSTM);

    private static final Map<String, Supplier<Forecaster>> MEMBERS = new LinkedHashMap<>();
    /**
     * Models a caller may ask for that the default ensemble leaves out: ARIMA's order search costs 0.1–0.2 s per
     * two-year daily series, several times the rest of the ensemble together (docs/benchmarks.md).
     */
    private static final Map<String, Supplier<Forecaster>> OPT_IN = new LinkedHashMap<>();

    static {
        MEMBERS.put(SeasonalNaiveForecaster.NAME, () -> new SeasonalNaiveForecaster(WEEK));
        MEMBERS.put(EtsForecaster.NAME, EtsForecaster::new);
        MEMBERS.put(ThetaForecaster.NAME, ThetaForecaster::new);
        MEMBERS.put(IntermittentDemandForecaster.NAME, IntermittentDemandForecaster::new);
        MEMBERS.put(TsbForecaster.NAME, TsbForecaster::new);
        MEMBERS.put(ProphetForecaster.NAME, ProphetForecaster::new);
        OPT_IN.put(ArimaForecaster.NAME, ArimaForecaster::new);
    }

    private ForecastModels() {
    }

    /** Every name a caller may ask for, the ensemble first. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(EnsembleForecaster.NAME);
        names.addAll(MEMBERS.keySet());
        names.addAll(OPT_IN.keySet());
        names.addAll(LEARNED);
        return names;
    }

    public static boolean isLearned(String name) {
        return LEARNED.contains(name);
    }

    /**
     * A single statistical model by name, default member or opt-in; empty for the ensemble, the learned models and
     * unknown names.
     */
    public static Optional<Forecaster> member(String name) {
        return Optional.ofNullable(MEMBERS.getOrDefault(name, OPT_IN.get(name))).map(Supplier::get);
    }

    /** The members the default ensemble backtests. */
    public static List<Forecaster> defaultMembers() {
        return MEMBERS.values().stream().map(Supplier::get).toList();
    }

    public static EnsembleForecaster defaultEnsemble() {
        return new EnsembleForecaster(defaultMembers(), EnsembleForecaster.Settings.defaults());
    }
}
