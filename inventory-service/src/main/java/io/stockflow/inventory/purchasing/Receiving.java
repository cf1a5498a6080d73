package io.stockflow.inventory.purchasing;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.ledger.BatchRows;
import io.stockflow.inventory.ledger.LedgerRepository;
import io.stockflow.inventory.ledger.Movement;
import io.stockflow.inventory.ledger.MovementKind;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Goods received. A receipt against a purchase order also counts against its line (on-order falls, the order
 * becomes partly or fully received) and its first receipt of a line teaches the supplier's lead time. The batch is
 * one transaction; a row already booked under the same Idempotency-Key changes nothing, order included.
 */
public class Receiving {

    private final LedgerRepository ledger;
    private final ItemRepository items;
    private final PurchaseOrders orders;
    private final TransactionalOperator transaction;
    private final Clock clock;

    public Receiving(LedgerRepository ledger, ItemRepository items, PurchaseOrders orders,
                     TransactionalOperator transaction, Clock clock) {
        this.ledger = ledger;
        this.items = items;
        this.orders = orders;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @param purchaseOrderId optional: the order these goods were sent against */
    public record Receipt(String storeId, String productId, BigDecimal quantity, UUID purchaseOrderId,
                          Instant receivedAt, String reference) {
    }

    public record Receipts(List<Receipt> receipts) {
    }

    public record Received(int rows, long recorded, long duplicates, List<String> purchaseOrderStatuses) {
    }

    public Mono<Received> receive(Receipts request, String key, String actor) {
        List<Receipt> rows = request == null ? null : request.receipts();
        BatchRows check = BatchRows.of(rows, "receipts");
        check.throwIfFailed();
        Instant now = clock.instant();
        for (int i = 0; i < rows.size(); i++) {
            Receipt row = rows.get(i);
            long n = i + 1;
            check.id(n, "store_id", row.storeId());
            check.id(n, "product_id", row.productId());
            check.positive(n, "quantity", row.quantity());
            if (row.receivedAt() != null && row.receivedAt().isAfter(now.plusSeconds(300))) {
                check.add(n, "received_at", "in_future", "goods cannot be received in the future");
            }
        }
        Set<SeriesKey> wanted = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!check.failed(i + 1L)) {
                wanted.add(new SeriesKey(rows.get(i).storeId(), rows.get(i).productId()));
            }
        }
        Set<UUID> orderIds = rows.stream().map(Receipt::purchaseOrderId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return Mono.zip(items.known(wanted).collectList(),
                        Flux.fromIterable(orderIds).concatMap(orders::get)
                                .collectMap(PurchaseOrder::purchaseOrderId, Function.identity()))
                .flatMap(found -> {
                    Set<SeriesKey> known = Set.copyOf(found.getT1());
                    checkRows(rows, known, found.getT2(), check);
                    check.throwIfFailed();
                    return transaction.transactional(Flux.range(0, rows.size())
                            .concatMap(i -> book(rows.get(i), i, key, actor, now))
                            .collectList()
                            .map(results -> new Received(rows.size(),
                                    results.stream().filter(r -> r.fresh).count(),
                                    results.stream().filter(r -> !r.fresh).count(),
                                    results.stream().map(r -> r.orderStatus).filter(java.util.Objects::nonNull)
                                            .distinct().toList())));
                });
    }

    private static void checkRows(List<Receipt> rows, Set<SeriesKey> known, Map<UUID, PurchaseOrder> found,
                                  BatchRows check) {
        for (int i = 0; i < rows.size(); i++) {
            Receipt row = rows.get(i);
            long n = i + 1;
            if (check.failed(n)) {
                continue;
            }
            if (!known.contains(new SeriesKey(row.storeId(), row.productId()))) {
                check.add(n, "product_id", "unknown_item", "store " + row.storeId() + " has no item "
                        + row.productId());
            }
            if (row.purchaseOrderId() == null) {
                continue;
            }
            PurchaseOrder order = found.get(row.purchaseOrderId());
            if (order == null) {
                check.add(n, "purchase_order_id", "unknown_purchase_order", "no purchase order "
                        + row.purchaseOrderId());
            } else if (!PurchaseOrderStatus.from("receive").contains(PurchaseOrderStatus.ofWire(order.status()))) {
                check.add(n, "purchase_order_id", "not_receivable", "purchase order " + order.purchaseOrderId()
                        + " is " + order.status() + "; only sent or partially received orders take receipts");
            } else if (!order.storeId().equals(row.storeId())) {
                check.add(n, "store_id", "wrong_store", "purchase order " + order.purchaseOrderId()
                        + " delivers to store " + order.storeId());
            } else if (order.lines().stream().noneMatch(line -> line.productId().equals(row.productId()))) {
                check.add(n, "product_id", "not_on_order", "purchase order " + order.purchaseOrderId()
                        + " has no line for " + row.productId());
            }
        }
    }

    private record Booking(boolean fresh, String orderStatus) {
    }

    private Mono<Booking> book(Receipt row, int index, String key, String actor, Instant now) {
        UUID id = key == null ? UUID.randomUUID() : DeterministicUuid.of("movement:receipt:" + key + ":" + index);
        Instant at = row.receivedAt() != null ? row.receivedAt() : now;
        String reference = row.reference() != null ? row.reference()
                : row.purchaseOrderId() != null ? "purchase order " + row.purchaseOrderId() : null;
        Movement movement = new Movement(id, row.storeId(), row.productId(), MovementKind.RECEIPT, row.quantity(),
                at, reference, null, actor);
        return ledger.record(List.of(movement)).flatMap(fresh -> {
            if (fresh == 0) {
                return Mono.just(new Booking(false, null));
            }
            if (row.purchaseOrderId() == null) {
                return Mono.just(new Booking(true, null));
            }
            return orders.receive(row.purchaseOrderId(), row.productId(), row.quantity(), at, actor)
                    .map(order -> new Booking(true, order.purchaseOrderId() + ": " + order.status()));
        });
    }
}
