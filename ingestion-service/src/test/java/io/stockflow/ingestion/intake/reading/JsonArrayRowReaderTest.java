package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.json.StockflowJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonArrayRowReaderTest {

    private static final int CAP = 256;

    private static String line(int n, String store) {
        return "{\"store_id\": \"" + store + "\", \"product_id\": \"P" + n + "\", \"quantity\": 1, \"unit_price\": 1,"
                + " \"transaction_timestamp\": \"2024-01-01T10:00:00Z\"}";
    }

    private static List<ParsedRow> readAll(String json) {
        JsonArrayRowReader reader = new JsonArrayRowReader(new CsvRowReaderTest.Trickle(
                json.getBytes(StandardCharsets.UTF_8)), StockflowJson.mapper(), CAP);
        List<ParsedRow> rows = new ArrayList<>();
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void anElementOverTheLimitIsRefusedWithItsNumberAndTheElementsAfterItAreRead() {
        String huge = "{\"store_id\": \"S1\", \"product_id\": \"P2\", \"note\": \"" + "a\\\"],{".repeat(50_000)
                + "\", \"nested\": [[{\"x\": \"]\"}]]}";
        String tricky = line(3, "S1\\\"],{");
        List<ParsedRow> rows = readAll("[ " + line(1, "S1") + ",\n" + huge + " ,\r\n" + tricky + ", "
                + "\"" + "b".repeat(1000) + "\"" + "," + line(5, "S1") + " ]");
        assertThat(rows).extracting(ParsedRow::row).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows.get(0).isValid()).isTrue();
        assertThat(rows.get(1).reason()).isEqualTo("row_too_large");
        assertThat(rows.get(1).violations().get(0).message()).contains("limit of " + CAP + " bytes");
        assertThat(rows.get(1).raw()).startsWith("{\"store_id\": \"S1\", \"product_id\": \"P2\"")
                .hasSizeLessThanOrEqualTo(BoundedRowStream.PREFIX_BYTES);
        assertThat(rows.get(2).isValid()).isTrue();
        assertThat(rows.get(2).line().storeId()).isEqualTo("S1\"],{");
        assertThat(rows.get(3).reason()).isEqualTo("row_too_large");
        assertThat(rows.get(4).isValid()).isTrue();
        assertThat(rows.get(4).line().productId()).isEqualTo("P5");
    }
}
