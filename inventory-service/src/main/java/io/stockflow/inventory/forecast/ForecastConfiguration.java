package io.stockflow.inventory.forecast;

import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastUpdated;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.messaging.EventSubscription;
import io.stockflow.common.messaging.EventSubscription.Stored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ForecastConfiguration {

    @Bean
    ForecastRepository forecastRepository(DatabaseClient db, JsonMapper json) {
        return new ForecastRepository(db, json);
    }

    /**
     * Keeps the latest forecast of every series from {@code forecasts.updated}; a new forecast re-plans the series.
     * Idempotent on the event id, and an older model version never replaces a newer one.
     */
    @Bean
    EventSubscription<EventEnvelope<ForecastUpdated>> forecastsUpdated(ForecastRepository forecasts) {
        return EventSubscription.<EventEnvelope<ForecastUpdated>>builder("inventory-forecasts", "inventory")
                .read(Topics.FORECASTS_UPDATED,
                        event -> EventTypes.FORECAST_UPDATED.equals(event.type()) ? event : null)
                .store(events -> forecasts.apply(events).map(fresh -> Stored.of(fresh, events.size())))
                .counted("stockflow.inventory.forecast.events", "forecasts.updated events consumed, by outcome",
                        "applied", "duplicate_or_older")
                .build();
    }
}
