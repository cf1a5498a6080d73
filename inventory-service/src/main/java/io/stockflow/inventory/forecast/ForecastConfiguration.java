package io.stockflow.inventory.forecast;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ForecastConfiguration {

    @Bean
    ForecastRepository forecastRepository(DatabaseClient db, JsonMapper json) {
        return new ForecastRepository(db, json);
    }

    @Bean
    ForecastListener forecastListener(ForecastRepository forecasts, JsonMapper json,
                                      KafkaTemplate<String, byte[]> kafka, MeterRegistry registry) {
        return new ForecastListener(forecasts, new EventCodec(json), kafka, registry);
    }

    @Bean
    NewTopic forecastsUpdatedTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(Topics.FORECASTS_UPDATED).partitions(partitions).build();
    }

    @Bean
    NewTopic forecastsDeadLetterTopic(@Value("${stockflow.kafka.partitions:6}") int partitions) {
        return TopicBuilder.name(ForecastListener.DEAD_LETTER_TOPIC).partitions(partitions).build();
    }
}
