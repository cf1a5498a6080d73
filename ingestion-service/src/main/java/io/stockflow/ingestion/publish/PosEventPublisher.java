package io.stockflow.ingestion.publish;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.messaging.EventPublisher;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.RejectedRecord;
import io.stockflow.common.quality.DataQualityAlert;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Ingestion's events: accepted lines on {@code pos.transactions} (the line's own event id), refused rows on
 * {@code pos.transactions.dlq}, quality alerts on {@code data.quality.alerts}. A line counts as accepted only once
 * Kafka has acknowledged it.
 */
public class PosEventPublisher {

    private final EventPublisher publisher;

    public PosEventPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Hands the lines to the producer in order (which keeps each series' order on its partition) without waiting.
     *
     * @return one pending acknowledgement per line, for {@link EventPublisher#await}
     */
    public List<CompletableFuture<?>> send(List<PosTransaction> lines) {
        return lines.stream().<CompletableFuture<?>>map(line -> publisher.publish(Topics.POS_TRANSACTIONS,
                EventTypes.POS_TRANSACTION_RECORDED, line.eventId(), line.transactionTimestamp(), line)).toList();
    }

    /** @return the first failure, or null when every record was acknowledged */
    public Throwable deadLetter(List<RejectedRecord> rejected) {
        return EventPublisher.firstFailure(rejected.stream().map(record -> publisher.publish(
                Topics.POS_TRANSACTIONS_DLQ, EventTypes.POS_TRANSACTION_REJECTED, UUID.randomUUID(),
                record.receivedAt(), record)).toList());
    }

    /** @return the first failure, or null when every alert was acknowledged */
    public Throwable qualityAlerts(List<DataQualityAlert> alerts) {
        return EventPublisher.firstFailure(alerts.stream().map(alert -> publisher.publish(Topics.DATA_QUALITY_ALERTS,
                EventTypes.DATA_QUALITY_ALERT, DeterministicUuid.of("quality-alert:" + alert.batchId() + ":"
                        + alert.storeId()), alert.receivedAt(), alert)).toList());
    }
}
