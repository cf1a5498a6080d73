package io.stockflow.common.pos;

import io.stockflow.common.events.DeterministicUuid;
import io.stockflow.common.series.SeriesKey;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of a point-of-sale transaction (a transaction is a basket of lines). This is both the wire format that
 * clients post (snake_case JSON, e.g. {@code {"product_id":"P001","store_id":"S001","quantity":5,"unit_price":15.99,
 * "transaction_timestamp":"2024-01-01T10:00:00Z"}}) and, once ingestion has filled the defaults, the payload of
 * {@code pos.transaction.recorded} events.
 *
 * @param transactionId optional on input: ingestion assigns one when absent
 * @param lineNumber    position of the line in its transaction, from 1; optional on input (defaults to 1)
 * @param variant       optional attributes of the SKU sold, e.g. {@code {"color":"red","size":"M"}}
 * @param quantity      units sold; negative for a return; up to 3 decimals for goods sold by weight
 * @param unitPrice     price of one unit in {@code currency}, tax excluded
 * @param currency      ISO 4217 code; optional on input (the configured default currency)
 * @param promotion     whether the line was sold on promotion; defaults to false
 * @param channel       where it was sold; defaults to {@link SalesChannel#STORE}
 */
public record PosTransaction(
        @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String transactionId,
        @Positive Integer lineNumber,
        @NotBlank @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String storeId,
        @NotBlank @Size(max = 64) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String productId,
        @Size(max = 8) Map<@Pattern(regexp = "[a-z][a-z0-9_]{0,31}", message = "must be a lower-case attribute name")
                String, @Size(max = 64) String> variant,
        @NotNull @Digits(integer = 9, fraction = 3) BigDecimal quantity,
        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 4) BigDecimal unitPrice,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull Instant transactionTimestamp,
        Boolean promotion,
        SalesChannel channel) {

    /** Letters, digits, '.', '_', ':', '-'; never '|', the key separator. */
    public static final String ID_PATTERN = "[A-Za-z0-9._:\\-]+";
    static final String ID_MESSAGE = "may contain only letters, digits, '.', '_', ':' and '-'";

    public PosTransaction {
        variant = variant == null ? null : Map.copyOf(variant);
    }

    public SeriesKey seriesKey() {
        return new SeriesKey(storeId, productId);
    }

    /** The event id of this line: the same (transaction id, line number) is always the same event. */
    public UUID eventId() {
        return DeterministicUuid.of("pos-line:" + transactionId + ":" + lineNumber);
    }

    /** The same line under another transaction id (demos and benchmarks replaying one history several times). */
    public PosTransaction withTransactionId(String newTransactionId) {
        return new PosTransaction(newTransactionId, lineNumber, storeId, productId, variant, quantity, unitPrice,
                currency, transactionTimestamp, promotion, channel);
    }

    public PosTransaction withDefaults(String assignedTransactionId, int defaultLineNumber, String defaultCurrency) {
        return new PosTransaction(
                transactionId == null ? assignedTransactionId : transactionId,
                lineNumber == null ? defaultLineNumber : lineNumber,
                storeId, productId, variant, quantity, unitPrice,
                currency == null ? defaultCurrency : currency,
                transactionTimestamp,
                promotion != null && promotion,
                channel == null ? SalesChannel.STORE : channel);
    }
}
