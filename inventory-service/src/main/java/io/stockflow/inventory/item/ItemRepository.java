package io.stockflow.inventory.item;

import io.r2dbc.spi.Readable;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.inventory.Sql;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Suppliers, item terms and the lead times learned from receipts (schema {@code inventory}). */
public class ItemRepository {

    private static final String ITEM_COLUMNS = """
            i.store_id, i.product_id, i.supplier_id, i.unit_cost, i.unit_price, i.currency, i.ordering_cost,
            i.holding_cost_rate, i.shortage_cost, i.min_order_quantity, i.pack_size, i.max_order_quantity,
            i.unit_volume, i.lead_time_days, i.lead_time_sd_days, i.target_fill_rate""";

    /** The last 20 receipts per supplier and store: recent enough to follow a supplier that changed. */
    private static final String LEARNED = """
            learned AS (
                SELECT supplier_id, store_id, count(*) AS observations, avg(days) AS mean_days,
                       coalesce(stddev_samp(days), 0) AS sd_days
                FROM (SELECT supplier_id, store_id, days,
                             row_number() OVER (PARTITION BY supplier_id, store_id ORDER BY received_at DESC) AS n
                      FROM lead_time_observation) recent
                WHERE n <= 20 GROUP BY supplier_id, store_id)""";

    private final DatabaseClient db;
    private final int minLeadTimeObservations;

    public ItemRepository(DatabaseClient db, int minLeadTimeObservations) {
        this.db = db;
        this.minLeadTimeObservations = minLeadTimeObservations;
    }

    public Mono<Supplier> supplier(String supplierId) {
        return db.sql("SELECT * FROM supplier WHERE supplier_id = $1").bind(0, supplierId)
                .map(ItemRepository::supplierOf).one();
    }

    public Flux<Supplier> suppliers() {
        return db.sql("SELECT * FROM supplier ORDER BY supplier_id").map(ItemRepository::supplierOf).all();
    }

    public Mono<Void> saveSupplier(Supplier supplier, String actor) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO supplier (supplier_id, name, lead_time_days, lead_time_sd_days, ordering_cost,
                                              capacity_units_per_order, currency, updated_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (supplier_id) DO UPDATE SET name = excluded.name,
                            lead_time_days = excluded.lead_time_days, lead_time_sd_days = excluded.lead_time_sd_days,
                            ordering_cost = excluded.ordering_cost,
                            capacity_units_per_order = excluded.capacity_units_per_order,
                            currency = excluded.currency, updated_by = excluded.updated_by, updated_at = now()""")
                .bind(0, supplier.supplierId()).bind(1, supplier.name()).bind(2, supplier.leadTimeDays())
                .bind(3, supplier.leadTimeSdDays()).bind(4, supplier.orderingCost());
        spec = Sql.bind(spec, 5, supplier.capacityUnitsPerOrder(), BigDecimal.class).bind(6, supplier.currency());
        return Sql.bind(spec, 7, actor, String.class).then();
    }

    /** Learned lead time of a supplier per store: observations, mean and standard deviation in days. */
    public Flux<LearnedLeadTime> learnedLeadTimes(String supplierId) {
        return db.sql("WITH " + LEARNED + " SELECT * FROM learned WHERE supplier_id = $1 ORDER BY store_id")
                .bind(0, supplierId)
                .map(row -> new LearnedLeadTime(row.get("store_id", String.class),
                        row.get("observations", Long.class).intValue(), number(row, "mean_days"),
                        number(row, "sd_days"), row.get("observations", Long.class) >= minLeadTimeObservations))
                .all();
    }

    public Mono<ItemTerms> item(String storeId, String productId) {
        return db.sql("SELECT " + ITEM_COLUMNS + " FROM item i WHERE store_id = $1 AND product_id = $2")
                .bind(0, storeId).bind(1, productId).map(ItemRepository::itemOf).one();
    }

    public Flux<ItemTerms> items(String storeId, String productId, String supplierId, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ITEM_COLUMNS + " FROM item i WHERE true");
        List<Object> values = new ArrayList<>();
        for (String[] filter : new String[][] {{"store_id", storeId}, {"product_id", productId},
                {"supplier_id", supplierId}}) {
            if (filter[1] != null) {
                values.add(filter[1]);
                sql.append(" AND i.").append(filter[0]).append(" = $").append(values.size());
            }
        }
        sql.append(" ORDER BY i.store_id, i.product_id OFFSET ").append(offset).append(" LIMIT ").append(limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(i, values.get(i));
        }
        return spec.map(ItemRepository::itemOf).all();
    }

    public Mono<Void> saveItem(ItemTerms item, String actor) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO item (store_id, product_id, supplier_id, unit_cost, unit_price, currency, ordering_cost,
                                  holding_cost_rate, shortage_cost, min_order_quantity, pack_size,
                                  max_order_quantity, unit_volume, lead_time_days, lead_time_sd_days,
                                  target_fill_rate, updated_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT (store_id, product_id) DO UPDATE SET supplier_id = excluded.supplier_id,
                    unit_cost = excluded.unit_cost, unit_price = excluded.unit_price, currency = excluded.currency,
                    ordering_cost = excluded.ordering_cost, holding_cost_rate = excluded.holding_cost_rate,
                    shortage_cost = excluded.shortage_cost, min_order_quantity = excluded.min_order_quantity,
                    pack_size = excluded.pack_size, max_order_quantity = excluded.max_order_quantity,
                    unit_volume = excluded.unit_volume, lead_time_days = excluded.lead_time_days,
                    lead_time_sd_days = excluded.lead_time_sd_days, target_fill_rate = excluded.target_fill_rate,
                    updated_by = excluded.updated_by, updated_at = now()""")
                .bind(0, item.storeId()).bind(1, item.productId()).bind(2, item.supplierId())
                .bind(3, item.unitCost());
        spec = Sql.bind(spec, 4, item.unitPrice(), BigDecimal.class).bind(5, item.currency());
        spec = Sql.bind(spec, 6, item.orderingCost(), BigDecimal.class).bind(7, item.holdingCostRate());
        spec = Sql.bind(spec, 8, item.shortageCost(), BigDecimal.class).bind(9, item.minOrderQuantity())
                .bind(10, item.packSize());
        spec = Sql.bind(spec, 11, item.maxOrderQuantity(), BigDecimal.class).bind(12, item.unitVolume());
        spec = Sql.bind(spec, 13, item.leadTimeDays(), BigDecimal.class);
        spec = Sql.bind(spec, 14, item.leadTimeSdDays(), BigDecimal.class).bind(15, item.targetFillRate());
        return Sql.bind(spec, 16, actor, String.class).then();
    }

    /** Series that have item terms, among the stores and products given (all when a list is empty). */
    public Flux<SeriesKey> keys(List<String> storeIds, List<String> productIds, int limit) {
        return db.sql("""
                        SELECT store_id, product_id FROM item
                        WHERE (cardinality($1::text[]) = 0 OR store_id = ANY($1))
                          AND (cardinality($2::text[]) = 0 OR product_id = ANY($2))
                        ORDER BY store_id, product_id LIMIT $3""")
                .bind(0, storeIds.toArray(String[]::new)).bind(1, productIds.toArray(String[]::new)).bind(2, limit)
                .map(row -> new SeriesKey(row.get("store_id", String.class), row.get("product_id", String.class)))
                .all();
    }

    /** Which of the series have item terms. */
    public Flux<SeriesKey> known(Collection<SeriesKey> keys) {
        return db.sql("""
                        SELECT store_id, product_id FROM item WHERE (store_id, product_id) IN (
                            SELECT * FROM unnest($1::text[], $2::text[]))""")
                .bind(0, keys.stream().map(SeriesKey::storeId).toArray(String[]::new))
                .bind(1, keys.stream().map(SeriesKey::productId).toArray(String[]::new))
                .map(row -> new SeriesKey(row.get("store_id", String.class), row.get("product_id", String.class)))
                .all();
    }

    /** Terms with every fallback applied, for the given series; series without terms are absent. */
    public Flux<ResolvedTerms> resolved(Collection<SeriesKey> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        String[] stores = keys.stream().map(SeriesKey::storeId).toArray(String[]::new);
        String[] products = keys.stream().map(SeriesKey::productId).toArray(String[]::new);
        return db.sql("WITH " + LEARNED + ", wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w(store_id, "
                        + "product_id)) SELECT " + ITEM_COLUMNS + """
                        , s.name AS supplier_name, s.ordering_cost AS supplier_ordering_cost,
                          s.lead_time_days AS agreed_days, s.lead_time_sd_days AS agreed_sd_days,
                          s.capacity_units_per_order, l.observations, l.mean_days, l.sd_days
                        FROM wanted w JOIN item i USING (store_id, product_id)
                        JOIN supplier s ON s.supplier_id = i.supplier_id
                        LEFT JOIN learned l ON l.supplier_id = i.supplier_id AND l.store_id = i.store_id""")
                .bind(0, stores).bind(1, products)
                .map(this::resolved).all();
    }

    private ResolvedTerms resolved(Readable row) {
        ItemTerms item = itemOf(row);
        Long observed = row.get("observations", Long.class);
        int observations = observed == null ? 0 : observed.intValue();
        double leadTime;
        double leadTimeSd;
        String source;
        if (item.leadTimeDays() != null) {
            leadTime = item.leadTimeDays().doubleValue();
            leadTimeSd = item.leadTimeSdDays() == null ? 0 : item.leadTimeSdDays().doubleValue();
            source = "item";
        } else if (observations >= minLeadTimeObservations) {
            leadTime = Math.max(number(row, "mean_days"), 0.5);
            leadTimeSd = number(row, "sd_days");
            source = "learned";
        } else {
            leadTime = number(row, "agreed_days");
            leadTimeSd = number(row, "agreed_sd_days");
            source = "supplier";
        }
        BigDecimal orderingCost = item.orderingCost() != null ? item.orderingCost()
                : row.get("supplier_ordering_cost", BigDecimal.class);
        BigDecimal capacity = row.get("capacity_units_per_order", BigDecimal.class);
        return new ResolvedTerms(item, row.get("supplier_name", String.class), orderingCost.doubleValue(), leadTime,
                leadTimeSd, source, observations, capacity == null ? null : capacity.doubleValue());
    }

    private static double number(Readable row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static Supplier supplierOf(Readable row) {
        return new Supplier(row.get("supplier_id", String.class), row.get("name", String.class),
                row.get("lead_time_days", BigDecimal.class), row.get("lead_time_sd_days", BigDecimal.class),
                row.get("ordering_cost", BigDecimal.class), row.get("capacity_units_per_order", BigDecimal.class),
                row.get("currency", String.class));
    }

    private static ItemTerms itemOf(Readable row) {
        return new ItemTerms(row.get("store_id", String.class), row.get("product_id", String.class),
                row.get("supplier_id", String.class), row.get("unit_cost", BigDecimal.class),
                row.get("unit_price", BigDecimal.class), row.get("currency", String.class),
                row.get("ordering_cost", BigDecimal.class), row.get("holding_cost_rate", BigDecimal.class),
                row.get("shortage_cost", BigDecimal.class), row.get("min_order_quantity", BigDecimal.class),
                row.get("pack_size", BigDecimal.class), row.get("max_order_quantity", BigDecimal.class),
                row.get("unit_volume", BigDecimal.class), row.get("lead_time_days", BigDecimal.class),
                row.get("lead_time_sd_days", BigDecimal.class), row.get("target_fill_rate", BigDecimal.class));
    }
}
