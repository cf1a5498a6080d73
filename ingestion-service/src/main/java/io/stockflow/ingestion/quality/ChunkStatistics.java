package io.stockflow.ingestion.quality;

import io.stockflow.common.pos.PosTransaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Outcome counts and daily sales of processed chunks, summed in memory before one write to PostgreSQL. */
public class ChunkStatistics {

    public enum Outcome { ACCEPTED, REJECTED, DUPLICATE, IN_FLIGHT, LATE, OUT_OF_ORDER }

    public record OutcomeKey(Instant bucket, String storeId, Outcome outcome, String reason) {
    }

    public record SalesKey(String storeId, String productId, LocalDate date) {
    }

    public static final class SalesTotals {
        long lines;
        BigDecimal units = BigDecimal.ZERO;
        long promoLines;
        long regularLines;
        BigDecimal regularPriceSum = BigDecimal.ZERO;
        BigDecimal regularMin;
        BigDecimal regularMax;
    }

    private final Instant bucket;
    private final Map<OutcomeKey, Long> outcomes = new HashMap<>();
    private final Map<SalesKey, SalesTotals> sales = new HashMap<>();

    public ChunkStatistics(Instant receivedAt) {
        this.bucket = receivedAt.truncatedTo(ChronoUnit.HOURS);
    }

    public void count(String storeId, Outcome outcome, String reason) {
        outcomes.merge(new OutcomeKey(bucket, storeId == null ? "" : storeId, outcome, reason == null ? "" : reason),
                1L, Long::sum);
    }

    public void sold(PosTransaction line) {
        SalesTotals totals = sales.computeIfAbsent(new SalesKey(line.storeId(), line.productId(),
                LocalDate.ofInstant(line.transactionTimestamp(), ZoneOffset.UTC)), k -> new SalesTotals());
        totals.lines++;
        totals.units = totals.units.add(line.quantity());
        if (Boolean.TRUE.equals(line.promotion())) {
            totals.promoLines++;
        } else {
            BigDecimal price = line.unitPrice();
            totals.regularLines++;
            totals.regularPriceSum = totals.regularPriceSum.add(price);
            totals.regularMin = min(totals.regularMin, price);
            totals.regularMax = max(totals.regularMax, price);
        }
    }

    /** Adds another chunk's counts and sales into this one. */
    public void merge(ChunkStatistics other) {
        other.outcomes.forEach((key, lines) -> outcomes.merge(key, lines, Long::sum));
        other.sales.forEach((key, theirs) -> {
            SalesTotals mine = sales.computeIfAbsent(key, k -> new SalesTotals());
            mine.lines += theirs.lines;
            mine.units = mine.units.add(theirs.units);
            mine.promoLines += theirs.promoLines;
            mine.regularLines += theirs.regularLines;
            mine.regularPriceSum = mine.regularPriceSum.add(theirs.regularPriceSum);
            mine.regularMin = min(mine.regularMin, theirs.regularMin);
            mine.regularMax = max(mine.regularMax, theirs.regularMax);
        });
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.max(b);
    }

    public Map<OutcomeKey, Long> outcomes() {
        return outcomes;
    }

    public Map<SalesKey, SalesTotals> sales() {
        return sales;
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && sales.isEmpty();
    }
}
