package io.stockflow.ingestion.publish;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.quality.DataQualityAlert;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Publishes accepted lines to {@code pos.transactions} and refused rows to {@code pos.transactions.dlq}, keyed by
 * series so one series stays in order, through an idempotent producer with acks=all. Both methods block until
 * Kafka has acknowledged or refused every record: a line counts as accepted only once it is durable.
 */
public class PosEventPublisher {

    static final int SCHEMA_VERSION = 1;

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final String source;

    public PosEventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, String source) {
        this.kafka = kafka;
        this.codec = codec;
        this.source = source;
    }

    /**
     * Hands the lines to the producer in order (which keeps each series' order on its partition) without waiting.
     *
     * @return one pending acknowledgement per line, for {@link #await}
     */
    public List<CompletableFuture<?>> send(List<PosTransaction> lines) {
        return sendAll(Topics.POS_TRANSACTIONS, lines, line -> line.seriesKey().toString(),
                line -> new EventEnvelope<>(line.eventId(), EventTypes.POS_TRANSACTION_RECORDED, SCHEMA_VERSION,
                        line.transactionTimestamp(), source, line));
    }

    /** @return the first failure, or null when every record was acknowledged */
    public Throwable deadLetter(List<RejectedRecord> rejected) {
        return firstFailure(sendAll(Topics.POS_TRANSACTIONS_DLQ, rejected, RejectedRecord::seriesKey,
                record -> new EventEnvelope<>(UUID.randomUUID(), EventTypes.POS_TRANSACTION_REJECTED, SCHEMA_VERSION,
                        record.receivedAt(), source, record)));
    }

    /** @return the first failure, or null when every alert was acknowledged */
    public Throwable qualityAlerts(List<DataQualityAlert> alerts) {
        return firstFailure(sendAll(Topics.DATA_QUALITY_ALERTS, alerts, DataQualityAlert::storeId,
                alert -> new EventEnvelope<>(DeterministicUuid.of("quality-alert:" + alert.batchId() + ":"
                        + alert.storeId()), EventTypes.DATA_QUALITY_ALERT, SCHEMA_VERSION, alert.receivedAt(), source,
                        alert)));
    }

    private <T> List<CompletableFuture<?>> sendAll(String topic, List<T> payloads, Function<T, String> key,
                                                   Function<T, EventEnvelope<T>> envelope) {
        List<CompletableFuture<?>> sends = new ArrayList<>(payloads.size());
        for (T payload : payloads) {
            sends.add(send(new ProducerRecord<>(topic, key.apply(payload), codec.encode(envelope.apply(payload)))));
        }
        return sends;
    }

    private static Throwable firstFailure(List<CompletableFuture<?>> sends) {
        return await(sends).stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched within max.block.ms (broker unreachable).
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return for each send, in order: null when Kafka acknowledged it, else the failure */
    public static List<Throwable> await(List<CompletableFuture<?>> sends) {
        List<Throwable> failures = new ArrayList<>(sends.size());
        for (CompletableFuture<?> send : sends) {
            try {
                send.get();
                failures.add(null);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        return failures;
    }
}
