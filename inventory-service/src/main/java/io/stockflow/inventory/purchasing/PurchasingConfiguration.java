package io.stockflow.inventory.purchasing;

import io.stockflow.inventory.InventoryProperties;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.ledger.LedgerRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PurchasingConfiguration {

    @Bean
    PurchaseOrders purchaseOrders(DatabaseClient db, ReactiveTransactionManager transactions, ItemRepository items,
                                  LedgerRepository ledger, AuditTrail audit, Clock clock,
                                  InventoryProperties properties) {
        return new PurchaseOrders(new PurchaseOrderRepository(db), TransactionalOperator.create(transactions), items,
                ledger, audit, clock, properties.zone());
    }

    @Bean
    Receiving receiving(LedgerRepository ledger, ItemRepository items, PurchaseOrders orders,
                        ReactiveTransactionManager transactions, Clock clock) {
        return new Receiving(ledger, items, orders, TransactionalOperator.create(transactions), clock);
    }
}
