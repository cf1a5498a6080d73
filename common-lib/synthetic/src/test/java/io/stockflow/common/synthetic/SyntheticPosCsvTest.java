package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SyntheticPosCsvTest {

    private static final List<PosTransaction> LINES = new SyntheticPosGenerator(SyntheticPosConfig.defaults()
            .withSeed(3).withScale(2, 30).withPeriod(LocalDate.of(2024, 5, 6), 35)).lines().toList();
    private static final Instant FAR_FUTURE = Instant.parse("2040-01-01T00:00:00Z");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

    @Test
    void aCleanFileIsTheHeaderAndOneRowPerLine() throws IOException {
        StringWriter out = new StringWriter();
        SyntheticWriteSummary summary = SyntheticPosCsv.write(out, LINES.stream(), 0, 1);

        List<String> rows = out.toString().lines().toList();
        assertThat(rows.get(0)).isEqualTo("transaction_id,line_number,store_id,product_id,quantity,unit_price,"
                + "currency,transaction_timestamp,promotion,channel,variant_size,variant_color");
        assertThat(rows.subList(1, rows.size()).stream().map(SyntheticPosCsvTest::parse).toList()).isEqualTo(LINES);
        assertThat(out.toString()).contains(",true,store,", ",false,online,");
        assertThat(summary.rowsWritten()).isEqualTo(LINES.size());
        assertThat(summary.badRows()).isZero();
    }

    @Test
    void badRowsOfEveryKindComeAtTheRequestedRate() throws IOException {
        StringWriter out = new StringWriter();
        SyntheticWriteSummary summary = SyntheticPosCsv.write(out, LINES.iterator(), 0.1, 99);

        List<String> rows = out.toString().lines().skip(1).toList();
        assertThat(rows).hasSize(LINES.size());
        assertThat(summary.rowsWritten()).isEqualTo(LINES.size());
        assertThat((double) summary.badRows() / LINES.size()).isCloseTo(0.1, within(0.015));
        assertThat(summary.badRowsByKind()).hasSize(BadRowKind.values().length)
                .allSatisfy((kind, count) -> assertThat(count).as("%s rows", kind).isPositive());

        Map<BadRowKind, Long> found = new EnumMap<>(BadRowKind.class);
        List<PosTransaction> validRows = new ArrayList<>();
        List<PosTransaction> theirLines = new ArrayList<>();
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            BadRowKind kind = classify(row, earlier);
            if (kind == null) {
                validRows.add(parse(row));
                theirLines.add(LINES.get(i));
            } else {
                found.merge(kind, 1L, Long::sum);
            }
            earlier.add(row);
        }
        assertThat(found).isEqualTo(summary.badRowsByKind());
        assertThat(validRows).isEqualTo(theirLines);
    }

    @Test
    void badRowsDependOnTheSeedOnly() throws IOException {
        assertThat(csv(99)).isEqualTo(csv(99)).isNotEqualTo(csv(100));
    }

    @Test
    void valuesWithCommasOrQuotesAreQuoted() throws IOException {
        StringWriter out = new StringWriter();
        SyntheticPosCsv.write(out, Stream.of(line(Map.of("color", "navy, \"striped\""))), 0, 1);

        assertThat(out.toString().lines().skip(1).findFirst()).hasValue(
                "T-1,1,S001,SKU-00001,1,9.99,EUR,2024-01-01T10:00:00Z,false,store,,\"navy, \"\"striped\"\"\"");
    }

    @Test
    void variantAttributesWithoutAColumnAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SyntheticPosCsv.write(new StringWriter(), Stream.of(line(Map.of("material", "wool"))),
                        0, 1))
                .withMessageContaining("material");
    }

    private static String csv(long seed) throws IOException {
        StringWriter out = new StringWriter();
        SyntheticPosCsv.write(out, LINES.subList(0, 2000).stream(), 0.1, seed);
        return out.toString();
    }

    /** What is wrong with a row, judged from its text alone; null when nothing is. */
    private static BadRowKind classify(String row, Set<String> earlier) {
        String[] fields = row.split(",", -1);
        if (earlier.contains(row)) {
            return BadRowKind.DUPLICATE_ROW;
        } else if (fields[3].isEmpty()) {
            return BadRowKind.MISSING_PRODUCT_ID;
        } else if (!WHOLE_NUMBER.matcher(fields[4]).matches()) {
            return BadRowKind.NON_NUMERIC_QUANTITY;
        } else if (new BigDecimal(fields[5]).signum() < 0) {
            return BadRowKind.NEGATIVE_PRICE;
        } else if (!fields[6].equals("EUR")) {
            return BadRowKind.UNKNOWN_CURRENCY;
        } else if (Instant.parse(fields[7]).isAfter(FAR_FUTURE)) {
            return BadRowKind.FUTURE_TIMESTAMP;
        }
        return null;
    }

    private static PosTransaction parse(String row) {
        String[] fields = row.split(",", -1);
        Map<String, String> variant = new HashMap<>();
        if (!fields[10].isEmpty()) {
            variant.put("size", fields[10]);
        }
        if (!fields[11].isEmpty()) {
            variant.put("color", fields[11]);
        }
        return new PosTransaction(fields[0], Integer.valueOf(fields[1]), fields[2], fields[3],
                variant.isEmpty() ? null : variant, new BigDecimal(fields[4]), new BigDecimal(fields[5]), fields[6],
                Instant.parse(fields[7]), Boolean.valueOf(fields[8]), SalesChannel.fromWire(fields[9]).orElseThrow());
    }

    private static PosTransaction line(Map<String, String> variant) {
        return new PosTransaction("T-1", 1, "S001", "SKU-00001", variant, BigDecimal.ONE, new BigDecimal("9.99"),
                "EUR", Instant.parse("2024-01-01T10:00:00Z"), false, SalesChannel.STORE);
    }
}
