package io.stockflow.inventory.item;

import io.stockflow.inventory.InventoryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class ItemConfiguration {

    @Bean
    ItemRepository itemRepository(DatabaseClient db, InventoryProperties properties) {
        return new ItemRepository(db, properties.minLeadTimeObservations());
    }
}
