package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.pos.SalesChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowReaderTest {

    private static final String HEADER = "store_id,product_id,quantity,unit_price,transaction_timestamp,variant_color\r\n";
    private static final int CAP = 256;

    private static CsvRowReader reader(String csv) {
        return new CsvRowReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 64 * 1024);
    }

    /** A reader with a small row limit over a body that arrives a few bytes at a time. */
    private static CsvRowReader bounded(String csv) {
        return new CsvRowReader(new Trickle(csv.getBytes(StandardCharsets.UTF_8)), CAP);
    }

    private static String row(int n) {
        return "S1,P" + n + ",1,1.00,2024-01-01T10:00:00Z,\r\n";
    }

    private static String rows(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int n = from; n <= to; n++) {
            rows.append(row(n));
        }
        return rows.toString();
    }

    /** Reads every row, checking that the valid ones are numbered as their product ids say. */
    private static java.util.List<ParsedRow> readAll(CsvRowReader reader) {
        java.util.List<ParsedRow> rows = new java.util.ArrayList<>();
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            if (row.isValid()) {
                assertThat(row.line().productId()).isEqualTo("P" + row.row());
            }
            rows.add(row);
        }
        return rows;
    }

    private static void assertTooLarge(ParsedRow row, long number, String start) {
        assertThat(row.row()).isEqualTo(number);
        assertThat(row.reason()).isEqualTo("row_too_large");
        assertThat(row.violations().get(0).row()).isEqualTo(number);
        assertThat(row.violations().get(0).message()).contains("limit of " + CAP + " bytes");
        assertThat(row.raw()).startsWith(start).hasSizeLessThanOrEqualTo(BoundedRowStream.PREFIX_BYTES);
    }

    @Test
    void anOverLongRowInTheMiddleIsRefusedWithItsNumberAndTheRowsAfterItAreRead() {
        String longRow = "S1,P3,1,1.00,2024-01-01T10:00:00Z," + "blue".repeat(20_000) + "\r\n";
        java.util.List<ParsedRow> rows = readAll(bounded(HEADER + rows(1, 2) + longRow + rows(4, 10)));
        assertThat(rows).hasSize(10);
        assertTooLarge(rows.get(2), 3, "S1,P3,1");
        assertThat(rows).filteredOn(ParsedRow::isValid).hasSize(9);
    }

    @Test
    void aStrayQuoteCostsItsOwnRowOnlyAndTheRowsAfterItAreReadAgain() {
        // under RFC 4180 the quote makes the rest of the body one field; past the limit, the row ends at the
        // first line break after that quote, and the rows after it are read as rows
        String stray = "S1,\"P2,1,1.00,2024-01-01T10:00:00Z,\r\n";
        java.util.List<ParsedRow> rows = readAll(bounded(HEADER + row(1) + stray + rows(3, 40)));
        assertThat(rows).hasSize(40);
        assertTooLarge(rows.get(1), 2, "S1,\"P2");
        assertThat(rows).filteredOn(ParsedRow::isValid).extracting(ParsedRow::row).hasSize(39)
                .doesNotContain(2L);
    }

    @Test
    void aStrayQuoteBeforeALongLineEndsItsRowAtTheNextLineBreak() {
        String stray = "S1,\"P2,1,1.00," + "x".repeat(300_000) + "\n";
        java.util.List<ParsedRow> rows = readAll(bounded(HEADER + row(1) + stray + rows(3, 5)));
        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertTooLarge(rows.get(1), 2, "S1,\"P2,1,1.00,xxx");
        assertThat(rows).filteredOn(ParsedRow::isValid).hasSize(4);
        // the same at the very end of the body, without a line break
        rows = readAll(bounded(HEADER + row(1) + "S1,\"P2," + "x".repeat(1000)));
        assertThat(rows).hasSize(2);
        assertTooLarge(rows.get(1), 2, "S1,\"P2,xx");
    }

    @Test
    void quotedFieldsWithLineBreaksAndQuotesUnderTheLimitAreOneRow() {
        String quoted = "S1,P2,1,1.00,2024-01-01T10:00:00Z,\"dark\r\n\"\"blue\"\", \"\"\"\"\r\n\"\r\n";
        String body = HEADER + row(1) + quoted + rows(3, 4);
        java.util.List<ParsedRow> rows = readAll(bounded(body));
        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows).allSatisfy(r -> assertThat(r.isValid()).isTrue());
        assertThat(rows.get(1).line().variant()).isEqualTo(Map.of("color", "dark\r\n\"blue\", \"\""));
        // the same rows read alike with the default limit, as they were read before there was one
        assertThat(readAll(reader(body))).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aHeaderOverTheLimitRefusesTheBody() {
        assertThatThrownBy(() -> bounded("store_id," + "variant_x,".repeat(100) + "\n" + row(1)))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageContaining("header is longer than the row size limit of " + CAP + " bytes");
    }

    /** Hands a body on a few bytes at a time, as a slow upload does. */
    static final class Trickle extends java.io.InputStream {
        private final byte[] bytes;
        private int at;
        private int step;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - at), 1 + (step++ % 7) * 5000);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void readsRowsWithOptionalColumnsVariantsAndQuotedFields() {
        CsvRowReader reader = reader("\uFEFFstore_id,product_id,quantity,unit_price,transaction_timestamp,channel,"
                + "variant_color,promotion\n"
                + "S1,P1,2,3.50,2024-01-01T10:00:00Z,ONLINE,\"dark, blue\",yes\n"
                + "\n"
                + "S1,P2,1,1.00,2024-01-01T10:05:00Z,,,\n");
        ParsedRow first = reader.next();
        assertThat(first.row()).isEqualTo(1);
        assertThat(first.isValid()).isTrue();
        assertThat(first.line().channel()).isEqualTo(SalesChannel.ONLINE);
        assertThat(first.line().variant()).isEqualTo(Map.of("color", "dark, blue"));
        assertThat(first.line().promotion()).isTrue();
        assertThat(first.raw()).contains("\"dark, blue\"");
        ParsedRow second = reader.next();
        assertThat(second.row()).isEqualTo(2);
        assertThat(second.line().variant()).isNull();
        assertThat(reader.next()).isNull();
        assertThat(reader.headerLine()).startsWith("store_id,product_id");
    }

    @Test
    void reportsEveryUnparseableFieldOfARowAndShortRows() {
        CsvRowReader reader = reader("store_id,product_id,quantity,unit_price,transaction_timestamp\n"
                + "S1,P1,two,1.0.0,yesterday\n"
                + "S1,P1\n");
        ParsedRow bad = reader.next();
        assertThat(bad.isValid()).isFalse();
        assertThat(bad.violations()).extracting(v -> v.field()).containsExactly("quantity", "unit_price",
                "transaction_timestamp");
        assertThat(bad.violations()).allSatisfy(v -> assertThat(v.row()).isEqualTo(1));
        ParsedRow shortRow = reader.next();
        assertThat(shortRow.reason()).isEqualTo("column_count");
    }

    @Test
    void refusesAWrongOrMissingHeader() {
        assertThatThrownBy(() -> reader("sku,store_id,quantity,unit_price,transaction_timestamp\n"))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageContaining("missing product_id").hasMessageContaining("unknown sku");
        assertThatThrownBy(() -> reader("")).isInstanceOf(UnreadableBodyException.class)
                .hasMessageContaining("empty");
    }
}
