package io.stockflow.common.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * The record a consumer sends to its dead-letter topic for one it cannot read: the original key and bytes, the
 * reason in {@value #REASON_HEADER} and where it came from in {@value #ORIGIN_HEADER}.
 */
public final class DeadLetters {

    public static final String REASON_HEADER = "x-dead-letter-reason";
    public static final String ORIGIN_HEADER = "x-original-offset";

    private DeadLetters() {
    }

    public static ProducerRecord<String, byte[]> of(String topic, ConsumerRecord<String, byte[]> record,
                                                    Exception reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, record.key(), record.value());
        dead.headers().add(REASON_HEADER, reason(reason).getBytes(StandardCharsets.UTF_8));
        dead.headers().add(ORIGIN_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    public static String reason(Exception reason) {
        return reason.getClass().getSimpleName() + ": " + reason.getMessage();
    }
}
