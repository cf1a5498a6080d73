package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.pos.SalesChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowReaderTest {

    private static CsvRowReader reader(String csv) {
        return new CsvRowReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
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
