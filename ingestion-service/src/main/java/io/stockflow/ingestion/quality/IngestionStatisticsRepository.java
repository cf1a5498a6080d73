package io.stockflow.ingestion.quality;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingestion statistics in PostgreSQL (schema {@code ingestion}, migrated by Flyway). Each chunk is one upsert per
 * table, its rows passed as arrays and expanded with {@code unnest}, so a chunk costs two round trips whatever
 * its size.
 */
public class IngestionStatisticsRepository {

    private final DatabaseClient db;

    public IngestionStatisticsRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(ChunkStatistics chunk) {
        return recordOutcomes(chunk).then(recordSales(chunk));
    }

    private Mono<Void> recordOutcomes(ChunkStatistics chunk) {
        if (chunk.outcomes().isEmpty()) {
            return Mono.empty();
        }
        int n = chunk.outcomes().size();
        String[] buckets = new String[n];
        String[] stores = new String[n];
        String[] outcomes = new String[n];
        String[] reasons = new String[n];
        Long[] lines = new Long[n];
        int i = 0;
        for (Map.Entry<ChunkStatistics.OutcomeKey, Long> e : chunk.outcomes().entrySet()) {
            buckets[i] = e.getKey().bucket().toString();
            stores[i] = e.getKey().storeId();
            outcomes[i] = e.getKey().outcome().name().toLowerCase();
            reasons[i] = e.getKey().reason();
            lines[i++] = e.getValue();
        }
        return db.sql("""
                        INSERT INTO ingestion.ingestion_outcome_hourly (bucket, store_id, outcome, reason, lines)
                        SELECT * FROM unnest($1::text[]::timestamptz[], $2::text[], $3::text[], $4::text[],
                                             $5::bigint[])
                        ON CONFLICT (bucket, store_id, outcome, reason)
                        DO UPDATE SET lines = ingestion_outcome_hourly.lines + EXCLUDED.lines""")
                .bind(0, buckets).bind(1, stores).bind(2, outcomes).bind(3, reasons).bind(4, lines)
                .then();
    }

    private Mono<Void> recordSales(ChunkStatistics chunk) {
        if (chunk.sales().isEmpty()) {
            return Mono.empty();
        }
        int n = chunk.sales().size();
        String[] stores = new String[n];
        String[] products = new String[n];
        String[] dates = new String[n];
        Long[] lines = new Long[n];
        String[] units = new String[n];
        Long[] promoLines = new Long[n];
        Long[] regularLines = new Long[n];
        String[] regularSums = new String[n];
        String[] mins = new String[n];
        String[] maxs = new String[n];
        int i = 0;
        for (Map.Entry<ChunkStatistics.SalesKey, ChunkStatistics.SalesTotals> e : chunk.sales().entrySet()) {
            ChunkStatistics.SalesTotals t = e.getValue();
            stores[i] = e.getKey().storeId();
            products[i] = e.getKey().productId();
            dates[i] = e.getKey().date().toString();
            lines[i] = t.lines;
            units[i] = t.units.toPlainString();
            promoLines[i] = t.promoLines;
            regularLines[i] = t.regularLines;
            regularSums[i] = t.regularPriceSum.toPlainString();
            mins[i] = t.regularMin == null ? null : t.regularMin.toPlainString();
            maxs[i++] = t.regularMax == null ? null : t.regularMax.toPlainString();
        }
        return db.sql("""
                        INSERT INTO ingestion.sku_daily_sales AS s (store_id, product_id, sales_date, lines, units,
                            promo_lines, regular_lines, regular_price_sum, regular_min_price, regular_max_price)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[]::date[], $4::bigint[],
                            $5::text[]::numeric[], $6::bigint[], $7::bigint[], $8::text[]::numeric[],
                            $9::text[]::numeric[], $10::text[]::numeric[])
                        ON CONFLICT (store_id, product_id, sales_date) DO UPDATE SET
                            lines = s.lines + EXCLUDED.lines,
                            units = s.units + EXCLUDED.units,
                            promo_lines = s.promo_lines + EXCLUDED.promo_lines,
                            regular_lines = s.regular_lines + EXCLUDED.regular_lines,
                            regular_price_sum = s.regular_price_sum + EXCLUDED.regular_price_sum,
                            regular_min_price = LEAST(s.regular_min_price, EXCLUDED.regular_min_price),
                            regular_max_price = GREATEST(s.regular_max_price, EXCLUDED.regular_max_price)""")
                .bind(0, stores).bind(1, products).bind(2, dates).bind(3, lines).bind(4, units)
                .bind(5, promoLines).bind(6, regularLines).bind(7, regularSums).bind(8, mins).bind(9, maxs)
                .then();
    }

    public record OutcomeCount(String storeId, String outcome, String reason, long lines) {
    }

    public Flux<OutcomeCount> outcomes(Instant from, Instant to, String storeId) {
        return db.sql("""
                        SELECT store_id, outcome, reason, sum(lines) AS lines
                        FROM ingestion.ingestion_outcome_hourly
                        WHERE bucket >= date_trunc('hour', :from) AND bucket < :to
                          AND (:store = '' OR store_id = :store)
                        GROUP BY store_id, outcome, reason""")
                .bind("from", from).bind("to", to).bind("store", storeId == null ? "" : storeId)
                .map((row, meta) -> new OutcomeCount(row.get("store_id", String.class),
                        row.get("outcome", String.class), row.get("reason", String.class),
                        row.get("lines", BigDecimal.class).longValue()))
                .all();
    }

    public Flux<DailySales> dailySales(LocalDate from, LocalDate to, String storeId) {
        return db.sql("""
                        SELECT store_id, product_id, sales_date, units, promo_lines, regular_lines,
                               regular_price_sum, regular_min_price, regular_max_price
                        FROM ingestion.sku_daily_sales
                        WHERE sales_date BETWEEN :from AND :to AND (:store = '' OR store_id = :store)""")
                .bind("from", from).bind("to", to).bind("store", storeId == null ? "" : storeId)
                .map((row, meta) -> new DailySales(row.get("store_id", String.class),
                        row.get("product_id", String.class), row.get("sales_date", LocalDate.class),
                        row.get("units", BigDecimal.class).doubleValue(), row.get("promo_lines", Long.class),
                        row.get("regular_lines", Long.class), row.get("regular_price_sum", BigDecimal.class)
                        .doubleValue(), toDouble(row.get("regular_min_price", BigDecimal.class)),
                        toDouble(row.get("regular_max_price", BigDecimal.class))))
                .all();
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
