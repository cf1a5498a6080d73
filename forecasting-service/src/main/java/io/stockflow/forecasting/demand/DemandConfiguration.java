package io.stockflow.forecasting.demand;

import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscription.Stored;
import io.stockflow.forecasting.ForecastingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;
import java.time.ZoneId;

/** Wires daily demand: the POS consumer and its store. */
@Configuration(proxyBeanMethods = false)
class DemandConfiguration {

    @Bean
    DemandRepository demandRepository(DatabaseClient db) {
        return new DemandRepository(db);
    }

    @Bean
    DemandCalendar demandCalendar(DemandRepository repository, Clock clock, ForecastingProperties properties) {
        return new DemandCalendar(repository, clock, properties.zone());
    }

    @Bean
    ProcessedEventPurge processedEventPurge(DemandRepository repository, Clock clock,
                                            ForecastingProperties properties) {
        return new ProcessedEventPurge(repository, clock, properties.processedEventRetention());
    }

    @Bean
    HistoryImport historyImport(DemandRepository repository, ReactiveTransactionManager transactionManager) {
        return new HistoryImport(repository, TransactionalOperator.create(transactionManager), 1000);
    }

    /**
     * Counts {@code pos.transactions} into daily demand (in the service's zone). The batch's statement skips event
     * ids already counted, so a batch redelivered after a crash between its commit and its offsets changes nothing.
     */
    @Bean
    EventSubscription<DemandLine> posDemand(DemandRepository repository, ForecastingProperties properties) {
        ZoneId zone = properties.zone();
        return EventSubscription.<DemandLine>builder("forecasting-demand", "forecasting")
                .read(Topics.POS_TRANSACTIONS, event -> EventTypes.POS_TRANSACTION_RECORDED.equals(event.type())
                        ? DemandLine.of(event.eventId(), event.payload(), zone) : null)
                .store(lines -> repository.record(lines).map(fresh -> Stored.of(fresh, lines.size())))
                .counted("stockflow.forecasting.demand.events", "POS events consumed into daily demand, by outcome",
                        "counted", "duplicate")
                .build();
    }
}
