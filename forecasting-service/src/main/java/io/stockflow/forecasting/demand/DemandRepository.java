package io.stockflow.forecasting.demand;

import io.stockflow.common.series.SeriesKey;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Daily demand in PostgreSQL (schema {@code forecasting}). A batch of lines is one statement: the event ids not seen
 * before are claimed in {@code processed_event} and only their lines are added to {@code daily_demand}, all in the
 * same statement, so a redelivered batch — or one event twice within a batch — never counts twice, whatever
 * crashed in between.
 */
public class DemandRepository {

    private final DatabaseClient db;

    public DemandRepository(DatabaseClient db) {
        this.db = db;
    }

    /** @return how many of the lines were new (the rest had been counted before) */
    public Mono<Long> record(List<DemandLine> lines) {
        if (lines.isEmpty()) {
            return Mono.just(0L);
        }
        int n = lines.size();
        String[] ids = new String[n];
        String[] stores = new String[n];
        String[] products = new String[n];
        String[] days = new String[n];
        BigDecimal[] sold = new BigDecimal[n];
        BigDecimal[] returned = new BigDecimal[n];
        BigDecimal[] promo = new BigDecimal[n];
        BigDecimal[] revenue = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            DemandLine line = lines.get(i);
            ids[i] = line.eventId().toString();
            stores[i] = line.storeId();
            products[i] = line.productId();
            days[i] = line.day().toString();
            sold[i] = line.sold();
            returned[i] = line.returned();
            promo[i] = line.promoUnits();
            revenue[i] = line.revenue();
        }
        return db.sql("""
                        WITH incoming AS (
                            SELECT * FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[]::date[],
                                                 $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[])
                                AS t(event_id, store_id, product_id, day, sold, returned, promo, revenue)),
                        fresh AS (
                            INSERT INTO processed_event (event_id) SELECT DISTINCT event_id FROM incoming
                            ON CONFLICT DO NOTHING RETURNING event_id),
                        counted AS (
                            SELECT DISTINCT ON (event_id) incoming.* FROM incoming JOIN fresh USING (event_id)),
                        demand AS (
                            INSERT INTO daily_demand AS d (store_id, product_id, day, units_sold, units_returned,
                                                           promo_units, revenue, lines)
                            SELECT store_id, product_id, day, sum(sold), sum(returned), sum(promo), sum(revenue),
                                   count(*)
                            FROM counted GROUP BY store_id, product_id, day
                            ON CONFLICT (store_id, product_id, day) DO UPDATE SET
                                units_sold = d.units_sold + excluded.units_sold,
                                units_returned = d.units_returned + excluded.units_returned,
                                promo_units = d.promo_units + excluded.promo_units,
                                revenue = d.revenue + excluded.revenue,
                                lines = d.lines + excluded.lines,
                                updated_at = now()
                            RETURNING store_id, product_id, day),
                        known AS (
                            INSERT INTO series AS s (store_id, product_id, first_day, last_day)
                            SELECT store_id, product_id, min(day), max(day) FROM demand GROUP BY store_id, product_id
                            ON CONFLICT (store_id, product_id) DO UPDATE SET
                                first_day = least(s.first_day, excluded.first_day),
                                last_day = greatest(s.last_day, excluded.last_day),
                                updated_at = now())
                        SELECT count(*) AS fresh FROM fresh""")
                .bind(0, ids).bind(1, stores).bind(2, products).bind(3, days)
                .bind(4, sold).bind(5, returned).bind(6, promo).bind(7, revenue)
                .map(row -> row.get("fresh", Long.class))
                .one();
    }

    /**
     * Replaces whole days of a series' history (a history import): re-importing the same file changes nothing.
     */
    public Mono<Void> replaceDays(List<ImportedDay> days) {
        if (days.isEmpty()) {
            return Mono.empty();
        }
        int n = days.size();
        String[] stores = new String[n];
        String[] products = new String[n];
        String[] dates = new String[n];
        BigDecimal[] sold = new BigDecimal[n];
        BigDecimal[] returned = new BigDecimal[n];
        BigDecimal[] promo = new BigDecimal[n];
        BigDecimal[] revenue = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            ImportedDay day = days.get(i);
            stores[i] = day.storeId();
            products[i] = day.productId();
            dates[i] = day.day().toString();
            sold[i] = day.unitsSold();
            returned[i] = day.unitsReturned();
            promo[i] = day.promoUnits();
            revenue[i] = day.revenue();
        }
        return db.sql("""
                        WITH incoming AS (
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[]::date[], $4::numeric[],
                                                 $5::numeric[], $6::numeric[], $7::numeric[])
                                AS t(store_id, product_id, day, sold, returned, promo, revenue)),
                        demand AS (
                            INSERT INTO daily_demand AS d (store_id, product_id, day, units_sold, units_returned,
                                                           promo_units, revenue, lines)
                            SELECT store_id, product_id, day, sold, returned, promo, revenue, 0 FROM incoming
                            ON CONFLICT (store_id, product_id, day) DO UPDATE SET
                                units_sold = excluded.units_sold, units_returned = excluded.units_returned,
                                promo_units = excluded.promo_units, revenue = excluded.revenue, updated_at = now()
                            RETURNING store_id, product_id, day)
                        INSERT INTO series AS s (store_id, product_id, first_day, last_day)
                        SELECT store_id, product_id, min(day), max(day) FROM demand GROUP BY store_id, product_id
                        ON CONFLICT (store_id, product_id) DO UPDATE SET
                            first_day = least(s.first_day, excluded.first_day),
                            last_day = greatest(s.last_day, excluded.last_day),
                            updated_at = now()""")
                .bind(0, stores).bind(1, products).bind(2, dates).bind(3, sold).bind(4, returned).bind(5, promo)
                .bind(6, revenue)
                .then();
    }

    /** Units sold per day of one series, zero on days without sales, from its first sale through {@code end}. */
    public Mono<Optional<SeriesHistory>> history(SeriesKey key, LocalDate end) {
        return db.sql("SELECT first_day FROM series WHERE store_id = $1 AND product_id = $2")
                .bind(0, key.storeId()).bind(1, key.productId())
                .map(row -> row.get("first_day", LocalDate.class))
                .one()
                .flatMap(first -> first.isAfter(end) ? Mono.<Optional<SeriesHistory>>empty() : db.sql("""
                                SELECT day, units_sold, units_returned FROM daily_demand
                                WHERE store_id = $1 AND product_id = $2 AND day BETWEEN $3 AND $4""")
                        .bind(0, key.storeId()).bind(1, key.productId()).bind(2, first).bind(3, end)
                        .map(row -> new Object[] {row.get("day", LocalDate.class),
                                row.get("units_sold", BigDecimal.class), row.get("units_returned", BigDecimal.class)})
                        .all()
                        .collectList()
                        .map(rows -> {
                            int length = (int) ChronoUnit.DAYS.between(first, end) + 1;
                            double[] sold = new double[length];
                            double[] returned = new double[length];
                            for (Object[] row : rows) {
                                int index = (int) ChronoUnit.DAYS.between(first, (LocalDate) row[0]);
                                sold[index] = ((BigDecimal) row[1]).doubleValue();
                                returned[index] = ((BigDecimal) row[2]).doubleValue();
                            }
                            return Optional.of(new SeriesHistory(key, first, sold, returned));
                        }))
                .defaultIfEmpty(Optional.empty());
    }

    /** The last day with demand in each of these stores: each store's own data clock. */
    public Mono<Map<String, LocalDate>> lastDays(Collection<String> storeIds) {
        return db.sql("SELECT store_id, max(last_day) AS last_day FROM series WHERE store_id = ANY($1::text[])"
                        + " GROUP BY store_id")
                .bind(0, storeIds.toArray(String[]::new))
                .map(row -> Map.entry(row.get("store_id", String.class), row.get("last_day", LocalDate.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<Set<String>> knownStores(Collection<String> storeIds) {
        return known("store_id", storeIds);
    }

    public Mono<Set<String>> knownProducts(Collection<String> productIds) {
        return known("product_id", productIds);
    }

    private Mono<Set<String>> known(String column, Collection<String> ids) {
        return db.sql("SELECT DISTINCT " + column + " AS id FROM series WHERE " + column + " = ANY($1::text[])")
                .bind(0, ids.toArray(String[]::new))
                .map(row -> row.get("id", String.class))
                .all()
                .collect(TreeSet::new, Set::add);
    }

    /** Known series, optionally only those of some stores and products (empty: all), in key order. */
    public Flux<SeriesKey> series(Collection<String> storeIds, Collection<String> productIds) {
        return db.sql("""
                        SELECT store_id, product_id FROM series
                        WHERE (cardinality($1::text[]) = 0 OR store_id = ANY($1::text[]))
                          AND (cardinality($2::text[]) = 0 OR product_id = ANY($2::text[]))
                        ORDER BY store_id, product_id""")
                .bind(0, storeIds.toArray(String[]::new)).bind(1, productIds.toArray(String[]::new))
                .map(row -> new SeriesKey(row.get("store_id", String.class), row.get("product_id", String.class)))
                .all();
    }

    /** Forgets event ids consumed before {@code before}: redeliveries come long before. */
    public Mono<Long> forgetProcessedBefore(Instant before) {
        return db.sql("DELETE FROM processed_event WHERE processed_at < $1")
                .bind(0, before)
                .fetch().rowsUpdated();
    }

    /** The recorded days of one series between two dates, oldest first (days without sales are absent). */
    public Flux<DemandDay> days(SeriesKey key, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT day, units_sold, units_returned, promo_units, revenue FROM daily_demand
                        WHERE store_id = $1 AND product_id = $2 AND day BETWEEN $3 AND $4 ORDER BY day""")
                .bind(0, key.storeId()).bind(1, key.productId()).bind(2, from).bind(3, to)
                .map(row -> new DemandDay(row.get("day", LocalDate.class), row.get("units_sold", BigDecimal.class),
                        row.get("units_returned", BigDecimal.class), row.get("promo_units", BigDecimal.class),
                        row.get("revenue", BigDecimal.class)))
                .all();
    }

    /** Revenue of each series of these stores from {@code from} on, keyed by series. */
    public Mono<Map<SeriesKey, Double>> revenueSince(Collection<String> storeIds, LocalDate from) {
        return db.sql("""
                        SELECT store_id, product_id, sum(revenue) AS revenue FROM daily_demand
                        WHERE store_id = ANY($1::text[]) AND day >= $2 GROUP BY store_id, product_id""")
                .bind(0, storeIds.toArray(String[]::new)).bind(1, from)
                .map(row -> Map.entry(new SeriesKey(row.get("store_id", String.class),
                        row.get("product_id", String.class)), row.get("revenue", BigDecimal.class).doubleValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
