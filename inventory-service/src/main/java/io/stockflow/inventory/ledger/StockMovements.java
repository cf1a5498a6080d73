package io.stockflow.inventory.ledger;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.inventory.item.ItemRepository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Adjustments, transfers and allocations from people and ERP/WMS systems. Each batch is checked whole first (every
 * row, every item known), then booked in one transaction. Movement ids derive from the caller's Idempotency-Key and
 * the row, so a retried request books nothing twice; without a key every request is new.
 */
public class StockMovements {

    static final Set<String> REASONS = Set.of("damage", "shrinkage", "count", "found", "expired", "other");

    private final LedgerRepository ledger;
    private final ItemRepository items;
    private final TransactionalOperator transaction;
    private final Clock clock;

    public StockMovements(LedgerRepository ledger, ItemRepository items, TransactionalOperator transaction,
                          Clock clock) {
        this.ledger = ledger;
        this.items = items;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Mono<MovementRequests.Booked> adjust(MovementRequests.Adjustments request, String key, String actor) {
        List<MovementRequests.Adjustment> rows = request == null ? null : request.adjustments();
        BatchRows check = BatchRows.of(rows, "adjustments");
        check.throwIfFailed();
        for (int i = 0; i < rows.size(); i++) {
            MovementRequests.Adjustment row = rows.get(i);
            long n = i + 1;
            check.id(n, "store_id", row.storeId());
            check.id(n, "product_id", row.productId());
            if ((row.quantity() == null) == (row.countedQuantity() == null)) {
                check.add(n, "quantity", "invalid_value", "give either quantity (a change) or counted_quantity");
            } else if (row.quantity() != null && row.quantity().signum() == 0) {
                check.add(n, "quantity", "invalid_value", "a change of zero changes nothing");
            } else if (row.countedQuantity() != null && row.countedQuantity().signum() < 0) {
                check.add(n, "counted_quantity", "invalid_value", "a count cannot be negative");
            }
            check.scale(n, "quantity", row.quantity());
            check.scale(n, "counted_quantity", row.countedQuantity());
            if (row.reason() == null || !REASONS.contains(row.reason())) {
                check.add(n, "reason", "invalid_value", "must be one of " + REASONS);
            }
        }
        return knownItems(rows, row -> List.of(new SeriesKey(row.storeId(), row.productId())), check)
                .then(transaction.transactional(countedOnHand(rows).flatMap(onHand -> {
                    List<Movement> movements = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        MovementRequests.Adjustment row = rows.get(i);
                        BigDecimal change = row.quantity() != null ? row.quantity()
                                : row.countedQuantity().subtract(onHand.getOrDefault(
                                new SeriesKey(row.storeId(), row.productId()), BigDecimal.ZERO));
                        movements.add(new Movement(id(key, "adjustment", i), row.storeId(), row.productId(),
                                MovementKind.ADJUSTMENT, change, at(row.occurredAt()), row.note(), row.reason(),
                                actor));
                    }
                    return book(movements, rows.size());
                })));
    }

    /** On hand now for the series whose rows are counts (read in the booking transaction). */
    private Mono<Map<SeriesKey, BigDecimal>> countedOnHand(List<MovementRequests.Adjustment> rows) {
        Set<SeriesKey> counted = new LinkedHashSet<>();
        rows.stream().filter(row -> row.countedQuantity() != null)
                .forEach(row -> counted.add(new SeriesKey(row.storeId(), row.productId())));
        if (counted.isEmpty()) {
            return Mono.just(Map.of());
        }
        return ledger.positions(counted).collectMap(
                position -> new SeriesKey(position.storeId(), position.productId()), StockPosition::onHand)
                .map(HashMap::new);
    }

    public Mono<MovementRequests.Booked> transfer(MovementRequests.Transfers request, String key, String actor) {
        List<MovementRequests.Transfer> rows = request == null ? null : request.transfers();
        BatchRows check = BatchRows.of(rows, "transfers");
        check.throwIfFailed();
        for (int i = 0; i < rows.size(); i++) {
            MovementRequests.Transfer row = rows.get(i);
            long n = i + 1;
            check.id(n, "from_store_id", row.fromStoreId());
            check.id(n, "to_store_id", row.toStoreId());
            check.id(n, "product_id", row.productId());
            check.positive(n, "quantity", row.quantity());
            if (row.fromStoreId() != null && row.fromStoreId().equals(row.toStoreId())) {
                check.add(n, "to_store_id", "invalid_value", "a transfer goes to another store");
            }
        }
        return knownItems(rows, row -> List.of(new SeriesKey(row.fromStoreId(), row.productId()),
                new SeriesKey(row.toStoreId(), row.productId())), check)
                .then(Mono.defer(() -> {
                    List<Movement> movements = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        MovementRequests.Transfer row = rows.get(i);
                        String reference = row.reference() != null ? row.reference()
                                : "transfer " + row.fromStoreId() + " -> " + row.toStoreId();
                        movements.add(new Movement(id(key, "transfer-out", i), row.fromStoreId(), row.productId(),
                                MovementKind.TRANSFER_OUT, row.quantity().negate(), at(row.occurredAt()), reference,
                                null, actor));
                        movements.add(new Movement(id(key, "transfer-in", i), row.toStoreId(), row.productId(),
                                MovementKind.TRANSFER_IN, row.quantity(), at(row.occurredAt()), reference, null,
                                actor));
                    }
                    return transaction.transactional(book(movements, rows.size()))
                            .map(booked -> new MovementRequests.Booked(rows.size(), booked.recorded() / 2,
                                    booked.duplicates() / 2));
                }));
    }

    public Mono<MovementRequests.Booked> allocate(MovementRequests.Allocations request, String key, String actor) {
        List<MovementRequests.Allocation> rows = request == null ? null : request.allocations();
        BatchRows check = BatchRows.of(rows, "allocations");
        check.throwIfFailed();
        for (int i = 0; i < rows.size(); i++) {
            MovementRequests.Allocation row = rows.get(i);
            long n = i + 1;
            check.id(n, "store_id", row.storeId());
            check.id(n, "product_id", row.productId());
            if (row.quantity() == null || row.quantity().signum() == 0) {
                check.add(n, "quantity", "invalid_value", "reserve (+) or release (−) a non-zero quantity");
            }
            check.scale(n, "quantity", row.quantity());
        }
        return knownItems(rows, row -> List.of(new SeriesKey(row.storeId(), row.productId())), check)
                .then(Mono.defer(() -> ledger.positions(keys(rows)).collectMap(
                        p -> new SeriesKey(p.storeId(), p.productId()), StockPosition::allocated)))
                .flatMap(allocated -> {
                    Map<SeriesKey, BigDecimal> running = new HashMap<>(allocated);
                    List<Movement> movements = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        MovementRequests.Allocation row = rows.get(i);
                        SeriesKey series = new SeriesKey(row.storeId(), row.productId());
                        BigDecimal after = running.getOrDefault(series, BigDecimal.ZERO).add(row.quantity());
                        if (after.signum() < 0) {
                            check.add(i + 1L, "quantity", "exceeds_allocated", "releases more than the "
                                    + running.getOrDefault(series, BigDecimal.ZERO).toPlainString()
                                    + " allocated at " + series);
                        }
                        running.put(series, after);
                        movements.add(new Movement(id(key, "allocation", i), row.storeId(), row.productId(),
                                MovementKind.ALLOCATION, row.quantity(), clock.instant(), row.reference(), null,
                                actor));
                    }
                    check.throwIfFailed();
                    return transaction.transactional(book(movements, rows.size()));
                });
    }

    private Mono<MovementRequests.Booked> book(List<Movement> movements, int rows) {
        return ledger.record(movements).map(fresh -> new MovementRequests.Booked(rows, fresh,
                movements.size() - fresh));
    }

    private static List<SeriesKey> keys(List<MovementRequests.Allocation> rows) {
        return rows.stream().map(row -> new SeriesKey(row.storeId(), row.productId())).distinct().toList();
    }

    /**
     * Refuses rows whose (store, product) has no item terms — stock of an unknown item is a typo, not a fact — and
     * then throws with every fault of the batch. Rows already at fault are not looked up.
     */
    private <T> Mono<Void> knownItems(List<T> rows, Function<T, List<SeriesKey>> keysOf, BatchRows check) {
        Set<SeriesKey> wanted = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!check.failed(i + 1L)) {
                wanted.addAll(keysOf.apply(rows.get(i)));
            }
        }
        return items.known(wanted).collectList().doOnNext(found -> {
            Set<SeriesKey> known = Set.copyOf(found);
            for (int i = 0; i < rows.size(); i++) {
                if (check.failed(i + 1L)) {
                    continue;
                }
                for (SeriesKey series : keysOf.apply(rows.get(i))) {
                    if (!known.contains(series)) {
                        check.add(i + 1L, "product_id", "unknown_item", "store " + series.storeId()
                                + " has no item " + series.productId());
                    }
                }
            }
            check.throwIfFailed();
        }).then();
    }

    private Instant at(Instant occurredAt) {
        return occurredAt != null ? occurredAt : clock.instant();
    }

    static UUID id(String idempotencyKey, String kind, int row) {
        return idempotencyKey == null ? UUID.randomUUID()
                : DeterministicUuid.of("movement:" + kind + ":" + idempotencyKey + ":" + row);
    }
}
