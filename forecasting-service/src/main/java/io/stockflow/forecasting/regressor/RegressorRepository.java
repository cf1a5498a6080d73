package io.stockflow.forecasting.regressor;

import io.stockflow.common.series.SeriesKey;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Named daily regressors in PostgreSQL; {@code '*'} as a store or product id applies to all of them. */
public class RegressorRepository {

    public static final String ALL = "*";

    private final DatabaseClient db;

    public RegressorRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Long> replace(String name, String storeId, String productId, List<RegressorValues.Value> values) {
        int n = values.size();
        String[] days = new String[n];
        Double[] numbers = new Double[n];
        for (int i = 0; i < n; i++) {
            days[i] = values.get(i).date().toString();
            numbers[i] = values.get(i).value();
        }
        return db.sql("""
                        INSERT INTO regressor_value (name, store_id, product_id, day, value)
                        SELECT $1, $2, $3, day, value FROM unnest($4::text[]::date[], $5::float8[]) AS t(day, value)
                        ON CONFLICT (name, store_id, product_id, day) DO UPDATE SET value = excluded.value""")
                .bind(0, name).bind(1, storeId).bind(2, productId).bind(3, days).bind(4, numbers)
                .fetch().rowsUpdated();
    }

    public Mono<Long> delete(String name) {
        return db.sql("DELETE FROM regressor_value WHERE name = $1").bind(0, name).fetch().rowsUpdated();
    }

    public Flux<RegressorCoverage> coverage() {
        return db.sql("""
                        SELECT name, store_id, product_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days
                        FROM regressor_value GROUP BY name, store_id, product_id ORDER BY name, store_id, product_id""")
                .map(row -> new RegressorCoverage(row.get("name", String.class), row.get("store_id", String.class),
                        row.get("product_id", String.class), row.get("first_day", LocalDate.class),
                        row.get("last_day", LocalDate.class), row.get("days", Long.class)))
                .all();
    }

    /**
     * Every regressor of one series from {@code from} through {@code to}: {@code values[t]} is day
     * {@code from + t}, 0 on days without a value, and each array ends on that regressor's last given day. A value
     * given for the store or product itself wins over one given for all ({@code '*'}).
     */
    public Mono<Map<String, double[]>> forSeries(SeriesKey key, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT DISTINCT ON (name, day) name, day, value FROM regressor_value
                        WHERE store_id IN ($1, '*') AND product_id IN ($2, '*') AND day BETWEEN $3 AND $4
                        ORDER BY name, day, store_id = '*', product_id = '*'""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, from).bind(3, to)
                .map(row -> new Object[] {row.get("name", String.class), row.get("day", LocalDate.class),
                        row.get("value", Double.class)})
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, Integer> lengths = new TreeMap<>();
                    for (Object[] row : rows) {
                        int index = (int) ChronoUnit.DAYS.between(from, (LocalDate) row[1]);
                        lengths.merge((String) row[0], index + 1, Math::max);
                    }
                    Map<String, double[]> regressors = new TreeMap<>();
                    lengths.forEach((name, length) -> regressors.put(name, new double[length]));
                    for (Object[] row : rows) {
                        regressors.get((String) row[0])[(int) ChronoUnit.DAYS.between(from, (LocalDate) row[1])] =
                                (Double) row[2];
                    }
                    return regressors;
                });
    }
}
