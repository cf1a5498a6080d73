package io.stockflow.forecasting.accuracy;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.time.LocalDate;

/** Accuracy aggregates in SQL, over the registry's backtest scores and over issued forecasts against actuals. */
public class AccuracyRepository {

    /** How rows are grouped: every series together, per segment, or per series. */
    public enum Grouping {
        MODEL("", ""),
        SEGMENT("{segment} AS segment,", "{segment},"),
        SERIES("f.store_id, f.product_id,", "f.store_id, f.product_id,");

        final String select;
        final String groupBy;

        Grouping(String select, String groupBy) {
            this.select = select;
            this.groupBy = groupBy;
        }
    }

    /** Which segmentation segments are: the demand class, the ABC or XYZ class, or the k-means cluster of a run. */
    public enum SegmentBy {
        DEMAND_PATTERN("f.demand_pattern"), ABC("f.abc::text"), XYZ("f.xyz::text"), CLUSTER("f.cluster::text");

        final String column;

        SegmentBy(String column) {
            this.column = column;
        }
    }

    private static final String FILTERS = """

            AND ($2::text IS NULL OR f.store_id = $2)
            AND ($3::text IS NULL OR f.product_id = $3)
            AND ($4::text IS NULL OR {segment} = $4)
            """;

    private final DatabaseClient db;

    public AccuracyRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<AccuracyRow> backtest(long version, String storeId, String productId, SegmentBy segmentBy,
                                      String segment, Grouping grouping, int limit) {
        String sql = "SELECT " + grouping.select + """
                 b->>'model' AS model,
                 count(*) FILTER (WHERE b->>'failure' IS NULL) AS series,
                 coalesce(sum((b->>'days')::int), 0) AS days,
                 avg((b->>'mae')::float8) AS mae,
                 sqrt(sum(((b->>'rmse')::float8) ^ 2 * (b->>'days')::int) / nullif(sum((b->>'days')::int), 0)) AS rmse,
                 avg((b->>'mape')::float8) AS mape,
                 avg((b->>'smape')::float8) AS smape,
                 avg((b->>'mase')::float8) AS mase,
                 100 * sum((b->>'mae')::float8 * (b->>'days')::int) / nullif(sum((b->>'actual_sum')::float8), 0) AS wape,
                 avg((b->>'bias')::float8) AS bias
                FROM series_fit f, jsonb_array_elements(f.backtests) b
                WHERE f.model_version_id = $1""" + FILTERS + "\nGROUP BY " + grouping.groupBy + " b->>'model'"
                + "\nORDER BY " + grouping.groupBy + " mase NULLS LAST LIMIT $5";
        return bind(db.sql(sql.replace("{segment}", segmentBy.column)).bind(0, version), storeId, productId, segment,
                limit).map(row -> row(row, grouping)).all();
    }

    /**
     * Issued forecasts of complete days (through {@code through}, and within their store's data) against what was
     * sold; MASE divides each series' MAE by the
     * naive scale its fit in {@code version} recorded.
     */
    public Flux<AccuracyRow> live(long version, LocalDate through, String storeId, String productId,
                                  SegmentBy segmentBy, String segment, Grouping grouping, int limit) {
        // A day is scored once it is complete: before yesterday, and within the data of its store.
        String sql = """
                WITH scored AS (
                    SELECT f.store_id, f.product_id, {column} AS segment, f.naive_scale, i.model, i.point,
                           coalesce(d.units_sold, 0)::float8 AS actual
                    FROM issued_forecast i
                    JOIN series_fit f ON f.model_version_id = $1 AND f.store_id = i.store_id
                                     AND f.product_id = i.product_id
                    LEFT JOIN daily_demand d ON d.store_id = i.store_id AND d.product_id = i.product_id
                                            AND d.day = i.target_day
                    WHERE i.target_day <= $6
                      AND i.target_day <= (SELECT max(s.last_day) FROM series s WHERE s.store_id = i.store_id)"""
                + FILTERS.replace("{segment}", "{column}") + """
                ),
                per_series AS (
                    SELECT store_id, product_id, segment, model, count(*) AS days,
                           avg(abs(actual - point)) AS mae,
                           sum((actual - point) ^ 2) AS squares,
                           avg(abs(actual - point) / nullif(actual, 0)) * 100 AS mape,
                           avg(CASE WHEN actual + point = 0 THEN 0
                                    ELSE 2 * abs(actual - point) / (abs(actual) + abs(point)) END) * 100 AS smape,
                           avg(abs(actual - point)) / nullif(max(naive_scale), 0) AS mase,
                           sum(abs(actual - point)) AS absolute_errors, sum(actual) AS actual_sum,
                           avg(point - actual) AS bias
                    FROM scored GROUP BY store_id, product_id, segment, model)
                """ + "SELECT " + grouping.select + """
                 f.model, count(*) AS series, sum(f.days) AS days, avg(f.mae) AS mae,
                 sqrt(sum(f.squares) / sum(f.days)) AS rmse, avg(f.mape) AS mape, avg(f.smape) AS smape,
                 avg(f.mase) AS mase, 100 * sum(f.absolute_errors) / nullif(sum(f.actual_sum), 0) AS wape,
                 avg(f.bias) AS bias
                FROM per_series f
                """ + "GROUP BY " + grouping.groupBy + " f.model\nORDER BY " + grouping.groupBy
                + " mase NULLS LAST LIMIT $5";
        String resolved = sql.replace("{segment}", "f.segment").replace("{column}", segmentBy.column);
        return bind(db.sql(resolved).bind(0, version), storeId, productId, segment, limit).bind(5, through)
                .map(row -> row(row, grouping)).all();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String storeId,
                                                          String productId, String segment, int limit) {
        spec = storeId == null ? spec.bindNull(1, String.class) : spec.bind(1, storeId);
        spec = productId == null ? spec.bindNull(2, String.class) : spec.bind(2, productId);
        spec = segment == null ? spec.bindNull(3, String.class) : spec.bind(3, segment);
        return spec.bind(4, limit);
    }

    private static AccuracyRow row(Readable row, Grouping grouping) {
        return new AccuracyRow(row.get("model", String.class),
                grouping == Grouping.SEGMENT ? row.get("segment", String.class) : null,
                grouping == Grouping.SERIES ? row.get("store_id", String.class) : null,
                grouping == Grouping.SERIES ? row.get("product_id", String.class) : null,
                row.get("series", Long.class), number(row, "days").longValue(),
                value(row, "mae"), value(row, "rmse"), value(row, "mape"), value(row, "smape"), value(row, "mase"),
                value(row, "wape"), value(row, "bias"));
    }

    private static Number number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value;
    }

    private static Double value(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null || !Double.isFinite(value.doubleValue()) ? null : value.doubleValue();
    }
}
