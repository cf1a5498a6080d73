package io.stockflow.inventory.ledger;

import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscription.Stored;
import io.stockflow.inventory.item.ItemRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;

/** Wires the stock ledger: its store, the POS consumer, movements from the API. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    LedgerRepository ledgerRepository(DatabaseClient db) {
        return new LedgerRepository(db);
    }

    @Bean
    StockMovements stockMovements(LedgerRepository ledger, ItemRepository items,
                                  ReactiveTransactionManager transactions, Clock clock) {
        return new StockMovements(ledger, items, TransactionalOperator.create(transactions), clock);
    }

    /**
     * Takes {@code pos.transactions} off the shelf: a sale lowers on-hand stock, a return (negative quantity) raises
     * it. The movement id is the event id, so the batch's statement skips what it already booked.
     */
    @Bean
    EventSubscription<Movement> posSales(LedgerRepository ledger) {
        return EventSubscription.<Movement>builder("inventory-sales", "inventory")
                .read(Topics.POS_TRANSACTIONS, event -> EventTypes.POS_TRANSACTION_RECORDED.equals(event.type())
                        ? Movement.ofSale(event) : null)
                .store(movements -> ledger.record(movements).map(fresh -> Stored.of(fresh, movements.size())))
                .counted("stockflow.inventory.pos.events", "POS events booked into the stock ledger, by outcome",
                        "booked", "duplicate")
                .build();
    }
}
