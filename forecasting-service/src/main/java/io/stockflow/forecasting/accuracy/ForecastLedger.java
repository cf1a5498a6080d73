package io.stockflow.forecasting.accuracy;

import io.stockflow.common.series.SeriesKey;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What forecasting has told the world, per series: the forecasts issued for coming days (scored against actuals as
 * the days pass), the last forecast published on Kafka, and whether the series was last judged drifting.
 */
public class ForecastLedger {

    /** Live errors over a window of days: actual demand (0 on days without sales) and the forecast issued. */
    public record LiveWindow(LocalDate from, LocalDate to, double[] actual, double[] forecast, long modelVersion) {
    }

    private final DatabaseClient db;

    public ForecastLedger(DatabaseClient db) {
        this.db = db;
    }

    /** Records the forecast for each day after {@code historyEnd}, replacing what an earlier run issued. */
    public Mono<Void> issue(SeriesKey key, String model, long version, LocalDate historyEnd, double[] point,
                            double[] p10, double[] p90) {
        int n = point.length;
        String[] days = new String[n];
        Double[] points = new Double[n];
        Double[] lows = new Double[n];
        Double[] highs = new Double[n];
        for (int i = 0; i < n; i++) {
            days[i] = historyEnd.plusDays(i + 1L).toString();
            points[i] = point[i];
            lows[i] = p10[i];
            highs[i] = p90[i];
        }
        return db.sql("""
                        INSERT INTO issued_forecast AS f (store_id, product_id, target_day, model, model_version_id,
                                                          point, p10, p90)
                        SELECT $1, $2, day, $3, $4, point, p10, p90
                        FROM unnest($5::text[]::date[], $6::float8[], $7::float8[], $8::float8[])
                            AS t(day, point, p10, p90)
                        ON CONFLICT (store_id, product_id, target_day, model) DO UPDATE SET
                            model_version_id = excluded.model_version_id, point = excluded.point, p10 = excluded.p10,
                            p90 = excluded.p90, issued_at = now()""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, model).bind(3, version)
                .bind(4, days).bind(5, points).bind(6, lows).bind(7, highs)
                .then();
    }

    /** Issued forecasts of the {@code days} days through {@code to} that have one, with their actual demand. */
    public Mono<Optional<LiveWindow>> live(SeriesKey key, String model, LocalDate to, int days) {
        LocalDate from = to.minusDays(days - 1L);
        return db.sql("""
                        SELECT f.target_day, f.point, f.model_version_id, coalesce(d.units_sold, 0) AS actual
                        FROM issued_forecast f
                        LEFT JOIN daily_demand d ON d.store_id = f.store_id AND d.product_id = f.product_id
                                                AND d.day = f.target_day
                        WHERE f.store_id = $1 AND f.product_id = $2 AND f.model = $3
                          AND f.target_day BETWEEN $4 AND $5
                        ORDER BY f.target_day""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, model).bind(3, from).bind(4, to)
                .map(row -> new Object[] {row.get("target_day", LocalDate.class), row.get("point", Double.class),
                        row.get("model_version_id", Long.class),
                        row.get("actual", BigDecimal.class).doubleValue()})
                .all()
                .collectList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Optional.empty();
                    }
                    double[] actual = new double[rows.size()];
                    double[] forecast = new double[rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        forecast[i] = (Double) rows.get(i)[1];
                        actual[i] = (Double) rows.get(i)[3];
                    }
                    LocalDate first = (LocalDate) rows.get(0)[0];
                    LocalDate last = (LocalDate) rows.get(rows.size() - 1)[0];
                    return Optional.of(new LiveWindow(first, last, actual, forecast,
                            (Long) rows.get(rows.size() - 1)[2]));
                });
    }

    /** Whether the series was drifting when last judged; empty when never judged. */
    public Mono<Optional<Boolean>> drifting(SeriesKey key) {
        return seriesValue("SELECT drifting AS value FROM series_drift", key, Boolean.class);
    }

    /** One column of the series' row in a per-series table; empty when it has none. */
    private <T> Mono<Optional<T>> seriesValue(String select, SeriesKey key, Class<T> type) {
        return db.sql(select + " WHERE store_id = $1 AND product_id = $2")
                .bind(0, key.storeId()).bind(1, key.productId())
                .map(row -> Optional.ofNullable(row.get("value", type)))
                .one()
                .defaultIfEmpty(Optional.empty());
    }

    public Mono<Void> judged(SeriesKey key, boolean drifting, double trackingSignal, LocalDate to) {
        return db.sql("""
                        INSERT INTO series_drift AS s (store_id, product_id, drifting, tracking_signal, assessed_to)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (store_id, product_id) DO UPDATE SET drifting = excluded.drifting,
                            tracking_signal = excluded.tracking_signal, assessed_to = excluded.assessed_to,
                            updated_at = now()""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, drifting).bind(3, trackingSignal)
                .bind(4, to)
                .then();
    }

    /** The fingerprint of the forecast last published for the series. */
    public Mono<Optional<String>> publishedFingerprint(SeriesKey key) {
        return seriesValue("SELECT fingerprint AS value FROM published_forecast", key, String.class);
    }

    public Mono<Void> published(SeriesKey key, long version, LocalDate historyEnd, String fingerprint) {
        return db.sql("""
                        INSERT INTO published_forecast AS p (store_id, product_id, model_version_id, history_end,
                                                             fingerprint)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (store_id, product_id) DO UPDATE SET model_version_id = excluded.model_version_id,
                            history_end = excluded.history_end, fingerprint = excluded.fingerprint,
                            published_at = now()""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, version).bind(3, historyEnd)
                .bind(4, fingerprint)
                .then();
    }
}
