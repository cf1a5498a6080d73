package io.stockflow.common.events;

import io.stockflow.common.json.StockflowJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** JSON bytes of {@link EventEnvelope}s on Kafka, in Stockflow's JSON dialect. */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        this(StockflowJson.mapper());
    }

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    /**
     * @throws JacksonException when the bytes are not an envelope of this payload type (a poison record that the
     *                          consumer should dead-letter)
     */
    public <T> EventEnvelope<T> decode(byte[] bytes, Class<T> payloadType) {
        JavaType type = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
        return mapper.readValue(bytes, type);
    }
}
