package io.stockflow.common.synthetic;

import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.pos.PosTransaction;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticPosJsonTest {

    private static final List<PosTransaction> LINES = new SyntheticPosGenerator(SyntheticPosConfig.defaults()
            .withSeed(5).withScale(2, 20).withPeriod(LocalDate.of(2024, 9, 2), 21)).lines().toList();

    @Test
    void aCleanArrayReadsBackAsTheLines() throws IOException {
        StringWriter out = new StringWriter();
        SyntheticWriteSummary summary = SyntheticPosJson.write(out, LINES.stream(), 0, 1);

        String json = out.toString();
        assertThat(StockflowJson.mapper().readValue(json, new TypeReference<List<PosTransaction>>() { }))
                .isEqualTo(LINES);
        assertThat(json).contains("\"transaction_id\":\"S00", "\"line_number\":1,", "\"unit_price\":",
                "\"transaction_timestamp\":\"2024-09-02T", "\"channel\":\"online\"", "\"variant\":{\"color\":");
        assertThat(json.lines()).hasSize(LINES.size() + 2);
        assertThat(summary.rowsWritten()).isEqualTo(LINES.size());
        assertThat(summary.badRows()).isZero();
    }

    @Test
    void theValidElementsAmongBadOnesReadBackAsTheirLines() throws IOException {
        StringWriter out = new StringWriter();
        SyntheticWriteSummary summary = SyntheticPosJson.write(out, LINES.iterator(), 0.1, 99);

        JsonNode array = StockflowJson.mapper().readTree(out.toString());
        assertThat(array.size()).isEqualTo(LINES.size());
        long unchanged = 0;
        long unreadable = 0;
        for (int i = 0; i < array.size(); i++) {
            try {
                unchanged += StockflowJson.mapper().treeToValue(array.get(i), PosTransaction.class)
                        .equals(LINES.get(i)) ? 1 : 0;
            } catch (JacksonException e) {
                unreadable++;
            }
        }
        assertThat(unchanged).isEqualTo(LINES.size() - summary.badRows());
        assertThat(unreadable).isEqualTo(summary.badRowsByKind().get(BadRowKind.NON_NUMERIC_QUANTITY)).isPositive();
    }

    @Test
    void anEmptyStreamIsAnEmptyArray() throws IOException {
        StringWriter out = new StringWriter();
        assertThat(SyntheticPosJson.write(out, Stream.empty(), 0.5, 1).rowsWritten()).isZero();
        assertThat(out).hasToString("[]\n");
    }
}
