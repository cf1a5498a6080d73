package io.stockflow.forecasting.publish;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.events.Topics;
import io.stockflow.common.forecast.ForecastDrift;
import io.stockflow.common.forecast.ForecastUpdated;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes forecasting's events, keyed by series. Event ids are derived from what the event states (series and
 * model version; series and drift window), so a run repeated after a crash republishes the same ids and consumers
 * drop the copies.
 */
public class ForecastEvents {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final String source;
    private final Clock clock;

    public ForecastEvents(KafkaTemplate<String, byte[]> kafka, EventCodec codec, String source, Clock clock) {
        this.kafka = kafka;
        this.codec = codec;
        this.source = source;
        this.clock = clock;
    }

    public CompletableFuture<?> updated(ForecastUpdated forecast) {
        SeriesKey key = new SeriesKey(forecast.storeId(), forecast.productId());
        return send(Topics.FORECASTS_UPDATED, key, new EventEnvelope<>(
                DeterministicUuid.of("forecast-updated:" + key + ":" + forecast.modelVersion()),
                EventTypes.FORECAST_UPDATED, 1, clock.instant(), source, forecast));
    }

    public CompletableFuture<?> drift(ForecastDrift drift) {
        SeriesKey key = new SeriesKey(drift.storeId(), drift.productId());
        return send(Topics.FORECAST_DRIFT, key, new EventEnvelope<>(
                DeterministicUuid.of("forecast-drift:" + key + ":" + drift.windowEnd()),
                EventTypes.FORECAST_DRIFT_DETECTED, 1, clock.instant(), source, drift));
    }

    private CompletableFuture<?> send(String topic, SeriesKey key, EventEnvelope<?> event) {
        return kafka.send(new ProducerRecord<>(topic, key.toString(), codec.encode(event)));
    }
}
