package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders lines as rows, putting a bad row in place of a random fraction of them. Each row goes bad independently
 * with the given rate and, when it does, with each kind equally likely. Shared by the writers, so a CSV and a JSON
 * file written with the same seed go bad at the same rows in the same way.
 */
final class BadRowInjector {

    private static final BadRowKind[] KINDS = BadRowKind.values();
    private static final List<String> UNKNOWN_CURRENCIES = List.of("XXQ", "ZZZ", "EUX");
    private static final List<String> NON_NUMERIC_QUANTITIES = List.of("two", "N/A", "3pcs", "?");

    private final RowFormat format;
    private final double badRowRate;
    private final SplittableRandom rng;
    private final Map<BadRowKind, Long> badRows = new EnumMap<>(BadRowKind.class);
    private long rows;
    private String lastValidRow;

    BadRowInjector(RowFormat format, double badRowRate, long seed) {
        if (!(badRowRate >= 0 && badRowRate <= 1)) {
            throw new IllegalArgumentException("badRowRate must be in [0, 1]");
        }
        this.format = format;
        this.badRowRate = badRowRate;
        this.rng = RandomDraws.stream(seed, RandomDraws.BAD_ROWS);
    }

    /** The row to write for this line: the line itself, or a bad row in its place. */
    String row(PosTransaction line) {
        rows++;
        if (rng.nextDouble() >= badRowRate) {
            lastValidRow = format.row(line);
            return lastValidRow;
        }
        // DUPLICATE_ROW is last: without an earlier row, draw among the others.
        BadRowKind kind = KINDS[rng.nextInt(lastValidRow == null ? KINDS.length - 1 : KINDS.length)];
        badRows.merge(kind, 1L, Long::sum);
        return switch (kind) {
            case NEGATIVE_PRICE -> format.row(with(line, line.productId(), negative(line.unitPrice()),
                    line.currency(), line.transactionTimestamp()));
            case UNKNOWN_CURRENCY -> format.row(with(line, line.productId(), line.unitPrice(),
                    pick(UNKNOWN_CURRENCIES), line.transactionTimestamp()));
            case FUTURE_TIMESTAMP -> format.row(with(line, line.productId(), line.unitPrice(), line.currency(),
                    yearsLater(line.transactionTimestamp())));
            case MISSING_PRODUCT_ID -> format.row(with(line, null, line.unitPrice(), line.currency(),
                    line.transactionTimestamp()));
            case NON_NUMERIC_QUANTITY -> format.rowWithQuantity(line, pick(NON_NUMERIC_QUANTITIES));
            case DUPLICATE_ROW -> lastValidRow;
        };
    }

    SyntheticWriteSummary summary() {
        return new SyntheticWriteSummary(rows, badRows);
    }

    private String pick(List<String> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private static BigDecimal negative(BigDecimal price) {
        return price.signum() > 0 ? price.negate() : new BigDecimal("-1.00");
    }

    /** 25 to 74 years later: in the future of any realistic history, whatever the clock says today. */
    private Instant yearsLater(Instant timestamp) {
        return timestamp.atZone(ZoneOffset.UTC).plusYears(25 + rng.nextInt(50)).toInstant();
    }

    private static PosTransaction with(PosTransaction line, String productId, BigDecimal unitPrice, String currency,
                                       Instant timestamp) {
        return new PosTransaction(line.transactionId(), line.lineNumber(), line.storeId(), productId, line.variant(),
                line.quantity(), unitPrice, currency, timestamp, line.promotion(), line.channel());
    }
}
