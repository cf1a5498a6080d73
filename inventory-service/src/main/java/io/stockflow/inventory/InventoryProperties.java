package io.stockflow.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the inventory service ({@code stockflow.inventory.*}).
 *
 * @param zone                     days (of cover, of stockout, without movement) are counted in this zone
 * @param evaluationInterval       how often changed positions are re-planned (alerts, reorder recommendations)
 * @param outboxInterval           how often events waiting in the outbox are sent
 * @param deadStockDays            stock without any movement for this many days is dead stock
 * @param overstockDays            days of forecast demand beyond the order-up-to level that make stock overstock
 * @param minLeadTimeObservations  receipts needed before a learned lead time replaces the agreed one
 * @param maxPageSize              the largest page a list endpoint returns
 */
@ConfigurationProperties("stockflow.inventory")
public record InventoryProperties(ZoneId zone, Duration evaluationInterval, Duration outboxInterval,
                                  int deadStockDays, int overstockDays, int minLeadTimeObservations,
                                  int maxPageSize) {
}
