package io.stockflow.forecasting.training;

import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.forecasting.accuracy.ForecastLedger;
import io.stockflow.forecasting.forecast.QuantileTables;
import io.stockflow.forecasting.forecast.SeriesForecaster;
import io.stockflow.forecasting.learned.GlobalModelForecaster;
import io.stockflow.forecasting.model.AccuracyMetrics;
import io.stockflow.forecasting.model.DemandClassifier;
import io.stockflow.forecasting.model.DemandSeries;
import io.stockflow.forecasting.model.DriftDetector;
import io.stockflow.forecasting.model.EnsembleForecaster;
import io.stockflow.forecasting.model.ForecastModels;
import io.stockflow.forecasting.publish.ForecastEvents;
import io.stockflow.forecasting.segment.SegmentInput;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Trains one series within a run: judges the live errors of what was issued before (drift), fits the model, issues
 * the new forecast for the coming days, and publishes it when it differs from the last one published. Blocking:
 * it runs on the training pool's threads.
 */
class SeriesTrainer {

    /** Days of forecast issued, published and scored live. */
    static final int ISSUED_DAYS = 28;
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final double[] BAND = {0.1, 0.9};

    /** What a series contributes to its run: the registry row and the artifact line. */
    record Outcome(SeriesFitSummary summary, ArchivedFit artifactLine, SegmentInput segmentInput) {
    }

    private final SeriesForecaster forecaster;
    private final ForecastLedger ledger;
    private final ForecastEvents events;
    private final DriftDetector drift;
    private final QuantileTables tables;

    SeriesTrainer(SeriesForecaster forecaster, ForecastLedger ledger, ForecastEvents events,
                  DriftDetector drift, QuantileTables tables) {
        this.forecaster = forecaster;
        this.ledger = ledger;
        this.events = events;
        this.drift = drift;
        this.tables = tables;
    }

    /**
     * @param series         the series' history through {@code historyEnd}
     * @param learnedMembers the learned models the ensemble may combine
     */
    Outcome train(SeriesKey key, DemandSeries series, String model, long version, LocalDate historyEnd,
                  Collection<GlobalModelForecaster> learnedMembers) throws Exception {
        judgeDrift(key, model, version, historyEnd);

        EnsembleForecaster.Fit fit = forecaster.refit(key, model, series, learnedMembers);
        double[] issued = Arrays.copyOf(fit.mean(), ISSUED_DAYS);
        double[][] band = fit.errors().daily(issued, BAND);
        ledger.issue(key, model, version, historyEnd, issued, band[0], band[1]).block(STORE_TIMEOUT);
        publishIfChanged(key, model, version, historyEnd, fit);

        double[] demand = series.demand();
        SeriesFitSummary summary = new SeriesFitSummary(key.storeId(), key.productId(), series.start(), historyEnd,
                DemandClassifier.classify(demand).pattern().name().toLowerCase(Locale.ROOT),
                AccuracyMetrics.seasonalNaiveInSampleMae(demand, ForecastModels.WEEK),
                fit.members().stream().map(member -> new SeriesFitSummary.MemberWeight(member.name(),
                        member.model(), member.weight())).toList(),
                scores(model, fit), fit.note());
        return new Outcome(summary, ArchivedFit.of(key, model, series, historyEnd, fit),
                SegmentInput.of(demand, SegmentInput.DEFAULT_WINDOW_DAYS));
    }

    private static List<SeriesFitSummary.BacktestScore> scores(String model, EnsembleForecaster.Fit fit) {
        List<SeriesFitSummary.BacktestScore> scores = new ArrayList<>();
        if (fit.metrics() != null && EnsembleForecaster.NAME.equals(model)) {
            scores.add(SeriesFitSummary.BacktestScore.of(EnsembleForecaster.NAME, fit.metrics()));
        }
        for (EnsembleForecaster.MemberBacktest backtest : fit.backtests()) {
            scores.add(backtest.scored() ? SeriesFitSummary.BacktestScore.of(backtest.name(), backtest.metrics())
                    : SeriesFitSummary.BacktestScore.failed(backtest.name(), backtest.failure()));
        }
        return scores;
    }

    private void judgeDrift(SeriesKey key, String model, long version, LocalDate historyEnd) throws Exception {
        Optional<ForecastLedger.LiveWindow> window = ledger.live(key, model, historyEnd, ISSUED_DAYS)
                .blockOptional(STORE_TIMEOUT).flatMap(live -> live);
        if (window.isEmpty()) {
            return;
        }
        ForecastLedger.LiveWindow live = window.get();
        DriftDetector.Assessment assessment = drift.assess(live.actual(), live.forecast());
        boolean wasDrifting = ledger.drifting(key).blockOptional(STORE_TIMEOUT).flatMap(state -> state)
                .orElse(false);
        if (assessment.drifting() && !wasDrifting) {
            events.drift(new ForecastDrift(key.storeId(), key.productId(), live.modelVersion(), live.from(),
                    live.to(), assessment.days(), assessment.trackingSignal(), drift.trackingLimit(),
                    assessment.meanError(), assessment.meanAbsoluteError(),
                    Math.max(assessment.cusumHigh(), assessment.cusumLow()),
                    assessment.direction().name().toLowerCase(Locale.ROOT)))
                    .get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        ledger.judged(key, assessment.drifting(), assessment.trackingSignal(), live.to()).block(STORE_TIMEOUT);
    }

    private void publishIfChanged(SeriesKey key, String model, long version, LocalDate historyEnd,
                                  EnsembleForecaster.Fit fit) throws Exception {
        List<ForecastDay> daily = tables.daily(fit, historyEnd, ISSUED_DAYS);
        Map<String, Double> members = new LinkedHashMap<>();
        fit.members().forEach(member -> members.put(member.name(), member.weight()));
        ForecastUpdated forecast = new ForecastUpdated(key.storeId(), key.productId(), version, model, historyEnd,
                tables.names(), daily, tables.leadTimes(fit, ISSUED_DAYS, QuantileTables.defaultLeadTimes(
                ISSUED_DAYS)), members);
        String fingerprint = fingerprint(forecast);
        Optional<String> published = ledger.publishedFingerprint(key).blockOptional(STORE_TIMEOUT)
                .flatMap(last -> last);
        if (published.filter(fingerprint::equals).isPresent()) {
            return;
        }
        events.updated(forecast).get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ledger.published(key, version, historyEnd, fingerprint).block(STORE_TIMEOUT);
    }

    /** The forecast's content at a hundredth of a unit: a refit that moves nothing visible publishes nothing. */
    static String fingerprint(ForecastUpdated forecast) {
        StringBuilder text = new StringBuilder().append(forecast.historyEnd()).append('|')
                .append(forecast.members().keySet());
        for (ForecastDay day : forecast.daily()) {
            text.append('|').append(Math.round(day.point() * 100));
            day.quantiles().values().forEach(value -> text.append(',').append(Math.round(value * 100)));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
