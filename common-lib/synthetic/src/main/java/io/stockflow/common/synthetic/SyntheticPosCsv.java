package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes lines as the CSV that ingestion accepts: one line per row, variant attributes in {@code variant_<name>}
 * columns (empty when absent), channel in lower case, RFC 4180 quoting where a value needs it.
 */
public final class SyntheticPosCsv {

    public static final String HEADER = "transaction_id,line_number,store_id,product_id,quantity,unit_price,currency,"
            + "transaction_timestamp,promotion,channel,variant_size,variant_color";
    private static final List<String> VARIANT_ATTRIBUTES = List.of("size", "color");
    private static final int QUANTITY_COLUMN = 4;

    private SyntheticPosCsv() {
    }

    public static SyntheticWriteSummary write(Writer out, Stream<PosTransaction> lines, double badRowRate, long seed)
            throws IOException {
        return write(out, lines.iterator(), badRowRate, seed);
    }

    /**
     * Writes the header and one row per line, a fraction {@code badRowRate} of them replaced by bad rows chosen
     * with {@code seed}. Flushes, does not close.
     */
    public static SyntheticWriteSummary write(Writer out, Iterator<PosTransaction> lines, double badRowRate,
                                              long seed) throws IOException {
        BadRowInjector injector = new BadRowInjector(new CsvRow(), badRowRate, seed);
        out.write(HEADER);
        out.write('\n');
        while (lines.hasNext()) {
            out.write(injector.row(lines.next()));
            out.write('\n');
        }
        out.flush();
        return injector.summary();
    }

    private static final class CsvRow implements RowFormat {

        @Override
        public String row(PosTransaction line) {
            return join(fields(line));
        }

        @Override
        public String rowWithQuantity(PosTransaction line, String quantity) {
            List<String> fields = fields(line);
            fields.set(QUANTITY_COLUMN, quantity);
            return join(fields);
        }

        private static List<String> fields(PosTransaction line) {
            Map<String, String> variant = line.variant() == null ? Map.of() : line.variant();
            for (String attribute : variant.keySet()) {
                if (!VARIANT_ATTRIBUTES.contains(attribute)) {
                    throw new IllegalArgumentException("variant attribute '" + attribute + "' has no CSV column");
                }
            }
            List<String> fields = new ArrayList<>(List.of(
                    text(line.transactionId()),
                    text(line.lineNumber()),
                    text(line.storeId()),
                    text(line.productId()),
                    line.quantity() == null ? "" : line.quantity().toPlainString(),
                    line.unitPrice() == null ? "" : line.unitPrice().toPlainString(),
                    text(line.currency()),
                    text(line.transactionTimestamp()),
                    text(line.promotion()),
                    line.channel() == null ? "" : line.channel().wireName()));
            for (String attribute : VARIANT_ATTRIBUTES) {
                fields.add(variant.getOrDefault(attribute, ""));
            }
            return fields;
        }

        private static String text(Object value) {
            return Objects.toString(value, "");
        }

        private static String join(List<String> fields) {
            StringBuilder row = new StringBuilder();
            for (String field : fields) {
                if (!row.isEmpty()) {
                    row.append(',');
                }
                row.append(quoted(field));
            }
            return row.toString();
        }

        private static String quoted(String field) {
            boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                    || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
            return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
        }
    }
}
