package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import io.stockflow.common.web.FieldViolation;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineValidatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final LineValidator validator = new LineValidator(
            Validation.buildDefaultValidatorFactory().getValidator(), Clock.fixed(NOW, ZoneOffset.UTC),
            new BigDecimal("1000000"), new BigDecimal("100000"), Duration.ofMinutes(15), Duration.ofDays(3650));

    private static PosTransaction line(String store, String product, String quantity, String price, String currency,
                                       Instant at) {
        return new PosTransaction("T1", 1, store, product, null, quantity == null ? null : new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price), currency, at, false, SalesChannel.STORE);
    }

    private List<String> codes(PosTransaction line) {
        return validator.validate(line).stream().map(FieldViolation::code).toList();
    }

    @Test
    void aSaneLineAndAReturnPass() {
        assertThat(validator.validate(line("S1", "P1", "5", "15.99", "EUR", NOW.minusSeconds(60)))).isEmpty();
        assertThat(validator.validate(line("S1", "P1", "-1", "15.99", "JPY", NOW.minusSeconds(60)))).isEmpty();
        assertThat(validator.validate(line("S1", "P1", "0.375", "4.20", "EUR", NOW.plusSeconds(600)))).isEmpty();
    }

    @Test
    void reportsEveryFaultOfALineWithItsCode() {
        assertThat(codes(line(null, "P|1", null, "-2", "XXQ", NOW.plus(Duration.ofDays(400)))))
                .containsExactlyInAnyOrder("missing_field", "invalid_format", "missing_field", "negative_price",
                        "unknown_currency", "future_timestamp");
        assertThat(codes(line("S1", "P1", "0", "10000000", "eur", NOW))).containsExactlyInAnyOrder(
                "zero_quantity", "price_out_of_range", "invalid_currency");
        assertThat(codes(line("S1", "P1", "1000001", "1.123456", "EUR", NOW.minus(Duration.ofDays(4000)))))
                .containsExactlyInAnyOrder("quantity_out_of_range", "too_precise", "timestamp_too_old");
    }

    @Test
    void namesFieldsInSnakeCase() {
        assertThat(validator.validate(line("S1", "P1", "1", null, "EUR", NOW)))
                .extracting(FieldViolation::field).containsExactly("unit_price");
    }
}
