package io.stockflow.inventory.planning;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.inventory.InventoryProperties;
import io.stockflow.inventory.audit.AuditTrail;
import io.stockflow.inventory.forecast.ForecastRepository;
import io.stockflow.inventory.item.ItemRepository;
import io.stockflow.inventory.ledger.LedgerRepository;
import io.stockflow.inventory.outbox.OutboxRepository;
import io.stockflow.inventory.purchasing.PurchaseOrders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PlanningConfiguration {

    @Bean
    Planning planning(ItemRepository items, ForecastRepository forecasts, LedgerRepository ledger,
                      PurchaseOrders orders, Clock clock, InventoryProperties properties) {
        return new Planning(items, forecasts, ledger, orders,
                new ReorderPlanner(properties.overstockDays(), properties.deadStockDays()), clock, properties.zone());
    }

    @Bean
    PositionEvaluator positionEvaluator(DatabaseClient db, ReactiveTransactionManager transactions, Planning planning,
                                        OutboxRepository outbox, AuditTrail audit, ForecastRepository forecasts, Clock clock,
                                        InventoryProperties properties, MeterRegistry registry) {
        return new PositionEvaluator(new EvaluationRepository(db), TransactionalOperator.create(transactions),
                planning, outbox, audit, forecasts, clock, properties.deadStockDays(), registry);
    }
}
