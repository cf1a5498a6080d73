package io.stockflow.common.json;

import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosTransactionJsonTest {

    @Test
    void readsTheReferenceApiExampleAsIs() {
        PosTransaction line = StockflowJson.mapper().readValue("""
                {"product_id": "P001", "store_id": "S001", "quantity": 5, "unit_price": 15.99,
                 "transaction_timestamp": "2024-01-01T10:00:00Z"}""", PosTransaction.class);
        assertThat(line.productId()).isEqualTo("P001");
        assertThat(line.quantity()).isEqualByComparingTo("5");
        assertThat(line.unitPrice()).isEqualByComparingTo("15.99");
        assertThat(line.transactionTimestamp()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
        PosTransaction filled = line.withDefaults("T-1", 1, "EUR");
        assertThat(filled.currency()).isEqualTo("EUR");
        assertThat(filled.channel()).isEqualTo(SalesChannel.STORE);
        assertThat(filled.promotion()).isFalse();
        assertThat(filled.seriesKey().toString()).isEqualTo("S001|P001");
    }

    @Test
    void isStrictAboutUnknownFieldsAndTypeCoercion() {
        assertThatThrownBy(() -> StockflowJson.mapper().readValue("{\"qty\": 1}", PosTransaction.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> StockflowJson.mapper().readValue("{\"quantity\": \"5\"}", PosTransaction.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> StockflowJson.mapper().readValue("{\"store_id\": 5}", PosTransaction.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void envelopesRoundTripInSnakeCase() {
        PosTransaction line = new PosTransaction("T1", 1, "S1", "P1", Map.of("size", "M"), new BigDecimal("2"),
                new BigDecimal("3.50"), "EUR", Instant.parse("2024-03-01T09:30:00Z"), true, SalesChannel.ONLINE);
        EventEnvelope<PosTransaction> envelope = new EventEnvelope<>(UUID.randomUUID(), "pos.transaction.recorded", 1,
                line.transactionTimestamp(), "test", line);
        EventCodec codec = new EventCodec();
        String json = new String(codec.encode(envelope));
        assertThat(json).contains("\"event_id\"").contains("\"schema_version\":1")
                .contains("\"occurred_at\":\"2024-03-01T09:30:00Z\"").contains("\"unit_price\":3.50")
                .contains("\"channel\":\"online\"");
        assertThat(codec.decode(codec.encode(envelope), PosTransaction.class)).isEqualTo(envelope);
    }
}
