package io.stockflow.common.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param partitions of every topic a service declares; per-series order needs no more than one partition each */
@ConfigurationProperties("stockflow.kafka")
public record StockflowKafkaProperties(@DefaultValue("6") int partitions) {
}
