package io.stockflow.inventory.forecast;

import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.forecast.ForecastDay;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.common.forecast.LeadTimeTotal;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The latest forecast per series. A batch of events is one statement: event ids not seen before are claimed, the
 * newest of them per series replaces what is stored unless that is newer (a late, older model version never
 * overwrites a newer one), and the series' positions are marked for re-planning.
 */
public class ForecastRepository {

    private static final TypeReference<List<ForecastDay>> DAYS = new TypeReference<>() {
    };
    private static final TypeReference<List<LeadTimeTotal>> TOTALS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    public ForecastRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** @return how many series got a new forecast */
    public Mono<Long> apply(List<EventEnvelope<ForecastUpdated>> events) {
        if (events.isEmpty()) {
            return Mono.just(0L);
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] stores = new String[n];
        String[] products = new String[n];
        Long[] versions = new Long[n];
        String[] ends = new String[n];
        String[] daily = new String[n];
        String[] totals = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope<ForecastUpdated> event = events.get(i);
            ForecastUpdated forecast = event.payload();
            ids[i] = event.eventId().toString();
            stores[i] = forecast.storeId();
            products[i] = forecast.productId();
            versions[i] = forecast.modelVersion();
            ends[i] = forecast.historyEnd().toString();
            daily[i] = json.writeValueAsString(forecast.daily());
            totals[i] = json.writeValueAsString(new Totals(forecast.quantiles(), forecast.leadTimeTotals()));
        }
        return db.sql("""
                        WITH incoming AS (
                            SELECT * FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::bigint[],
                                                 $5::text[]::date[], $6::text[]::jsonb[], $7::text[]::jsonb[])
                                AS t(event_id, store_id, product_id, model_version, history_end, daily, totals)),
                        fresh AS (
                            INSERT INTO processed_event (event_id) SELECT DISTINCT event_id FROM incoming
                            ON CONFLICT DO NOTHING RETURNING event_id),
                        latest AS (
                            SELECT DISTINCT ON (store_id, product_id) incoming.*
                            FROM incoming JOIN fresh USING (event_id)
                            ORDER BY store_id, product_id, model_version DESC, history_end DESC),
                        applied AS (
                            INSERT INTO demand_forecast AS f (store_id, product_id, model_version, history_end,
                                                              daily, lead_time_totals, event_id)
                            SELECT store_id, product_id, model_version, history_end, daily, totals, event_id
                            FROM latest ORDER BY store_id, product_id
                            ON CONFLICT (store_id, product_id) DO UPDATE SET model_version = excluded.model_version,
                                history_end = excluded.history_end, daily = excluded.daily,
                                lead_time_totals = excluded.lead_time_totals, event_id = excluded.event_id,
                                received_at = now()
                            WHERE (excluded.model_version, excluded.history_end) >= (f.model_version, f.history_end)
                            RETURNING store_id, product_id),
                        touched AS (
                            INSERT INTO stock_position AS p (store_id, product_id)
                            SELECT store_id, product_id FROM applied ORDER BY store_id, product_id
                            ON CONFLICT (store_id, product_id) DO UPDATE SET changed_at = now(), evaluated_at = NULL
                            RETURNING 1)
                        SELECT count(*) AS applied FROM applied""")
                .bind(0, ids).bind(1, stores).bind(2, products).bind(3, versions).bind(4, ends).bind(5, daily)
                .bind(6, totals)
                .map(row -> row.get("applied", Long.class)).one();
    }

    /** The quantile names travel with the totals: one JSON document per series. */
    record Totals(List<String> quantiles, List<LeadTimeTotal> totals) {
    }

    public Flux<StoredForecast> forecasts(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT store_id, product_id, model_version, history_end, daily::text AS daily,
                               lead_time_totals::text AS totals
                        FROM demand_forecast WHERE (store_id, product_id) IN (
                            SELECT * FROM unnest($1::text[], $2::text[]))""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(row -> {
                    Totals totals = json.readValue(row.get("totals", String.class), Totals.class);
                    return new StoredForecast(row.get("store_id", String.class), row.get("product_id", String.class),
                            row.get("model_version", Long.class), row.get("history_end", LocalDate.class),
                            totals.quantiles(), json.readValue(row.get("daily", String.class), DAYS),
                            totals.totals());
                }).all();
    }

    /** Forgets consumed event ids older than any redelivery could be. */
    public Mono<Long> purgeProcessedBefore(Instant cutoff) {
        return db.sql("DELETE FROM processed_event WHERE processed_at < $1").bind(0, cutoff).fetch().rowsUpdated();
    }
}
