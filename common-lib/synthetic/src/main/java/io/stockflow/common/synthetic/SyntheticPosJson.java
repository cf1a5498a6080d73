package io.stockflow.common.synthetic;

import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.pos.PosTransaction;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Writes lines as the JSON that ingestion accepts: an array of line objects in the Stockflow dialect, one element
 * per text line. Elements are written one at a time, so the array is never held in memory.
 */
public final class SyntheticPosJson {

    /**
     * Variant maps are immutable JDK maps, whose iteration order changes from one JVM run to the next; sorted keys
     * keep the output byte for byte the same.
     */
    private static final ObjectWriter WRITER =
            StockflowJson.mapper().writer(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SyntheticPosJson() {
    }

    public static SyntheticWriteSummary write(Writer out, Stream<PosTransaction> lines, double badRowRate, long seed)
            throws IOException {
        return write(out, lines.iterator(), badRowRate, seed);
    }

    /**
     * Writes a JSON array with one element per line, a fraction {@code badRowRate} of them replaced by bad elements
     * chosen with {@code seed}. Flushes, does not close.
     */
    public static SyntheticWriteSummary write(Writer out, Iterator<PosTransaction> lines, double badRowRate,
                                              long seed) throws IOException {
        BadRowInjector injector = new BadRowInjector(new JsonElement(), badRowRate, seed);
        out.write('[');
        boolean empty = true;
        while (lines.hasNext()) {
            out.write(empty ? "\n" : ",\n");
            out.write(injector.row(lines.next()));
            empty = false;
        }
        out.write(empty ? "]\n" : "\n]\n");
        out.flush();
        return injector.summary();
    }

    private static final class JsonElement implements RowFormat {

        @Override
        public String row(PosTransaction line) {
            return WRITER.writeValueAsString(line);
        }

        @Override
        public String rowWithQuantity(PosTransaction line, String quantity) {
            // Re-read from the sorted text rather than converted directly, which would keep the JVM's map order.
            ObjectNode element = (ObjectNode) StockflowJson.mapper().readTree(row(line));
            element.put("quantity", quantity);
            return WRITER.writeValueAsString(element);
        }
    }
}
