package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import io.stockflow.common.web.FieldViolation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads POS lines from RFC 4180 CSV with a header row. Required columns: product_id, store_id, quantity,
 * unit_price, transaction_timestamp; optional: transaction_id, line_number, currency, promotion, channel and
 * variant attributes as {@code variant_<name>} columns. A wrong or missing header refuses the whole body;
 * a bad row is reported with every fault it has. No row longer than {@code maxRowBytes} reaches the parser
 * ({@link BoundedRowStream}): such a row is refused ({@code row_too_large}) and the body reads on after it.
 */
class CsvRowReader implements RowReader {

    static final List<String> REQUIRED = List.of("product_id", "store_id", "quantity", "unit_price",
            "transaction_timestamp");
    static final List<String> OPTIONAL = List.of("transaction_id", "line_number", "currency", "promotion", "channel");
    static final String VARIANT_PREFIX = "variant_";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
    private static final CSVFormat RAW = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int maxRowBytes;
    private long row;

    CsvRowReader(InputStream body, int maxRowBytes) {
        this.maxRowBytes = maxRowBytes;
        BoundedRowStream bounded;
        try {
            bounded = BoundedRowStream.csv(RowReader.skipUtf8Bom(body), maxRowBytes);
        } catch (IOException e) {
            throw RowReader.unreadable(0, e);
        }
        try {
            InputStreamReader reader = new InputStreamReader(bounded,
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException | UncheckedIOException e) {
            throw RowReader.unreadable(0, e);
        } catch (IllegalArgumentException e) {
            throw headerProblem(bounded.firstRowTooLarge() ? headerTooLarge(maxRowBytes)
                    : "the CSV header is invalid: " + e.getMessage());
        }
        if (bounded.firstRowTooLarge()) {
            throw headerProblem(headerTooLarge(maxRowBytes));
        }
        this.header = parser.getHeaderNames();
        checkHeader(header);
        this.records = parser.iterator();
    }

    private static void checkHeader(List<String> header) {
        if (header.isEmpty()) {
            throw headerProblem("the body is empty: expected a CSV header row with " + String.join(",", REQUIRED));
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(header);
        List<String> unknown = header.stream()
                .filter(h -> !REQUIRED.contains(h) && !OPTIONAL.contains(h)
                        && !(h.startsWith(VARIANT_PREFIX) && h.length() > VARIANT_PREFIX.length()))
                .toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            StringBuilder detail = new StringBuilder("wrong CSV header:");
            if (!missing.isEmpty()) {
                detail.append(" missing ").append(String.join(", ", missing)).append(';');
            }
            if (!unknown.isEmpty()) {
                detail.append(" unknown ").append(String.join(", ", unknown)).append(';');
            }
            detail.append(" required ").append(String.join(",", REQUIRED)).append(", optional ")
                    .append(String.join(",", OPTIONAL)).append(",").append(VARIANT_PREFIX).append("<name>");
            throw headerProblem(detail.toString());
        }
    }

    private static String headerTooLarge(int maxRowBytes) {
        return "the CSV header is longer than the row size limit of " + maxRowBytes + " bytes";
    }

    private static UnreadableBodyException headerProblem(String detail) {
        return new UnreadableBodyException(0, FieldViolation.of(null, "invalid_header", detail), false, null);
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String headerLine() {
        return RAW.format(header.toArray());
    }

    @Override
    public ParsedRow next() {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw RowReader.unreadable(row + 1, e);
        }
        row++;
        String[] values = record.values();
        if (values.length == 2 && BoundedRowStream.MARK.equals(values[0])) {
            return RowReader.tooLarge(row, values[1], maxRowBytes, "a line break");
        }
        Supplier<String> raw = () -> RAW.format((Object[]) values);
        if (!record.isConsistent()) {
            return ParsedRow.invalid(row, raw, null, List.of(FieldViolation.of(null, "column_count",
                    "expected " + header.size() + " columns, found " + record.size()).atRow(row)));
        }
        return toRow(record, raw);
    }

    private ParsedRow toRow(CSVRecord record, Supplier<String> raw) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, String> variant = new LinkedHashMap<>();
        for (String column : header) {
            if (column.startsWith(VARIANT_PREFIX) && !record.get(column).isEmpty()) {
                variant.put(column.substring(VARIANT_PREFIX.length()), record.get(column));
            }
        }
        PosTransaction line = new PosTransaction(
                text(record, "transaction_id"),
                parse(record, "line_number", violations, "an integer", Integer::valueOf),
                text(record, "store_id"),
                text(record, "product_id"),
                variant.isEmpty() ? null : variant,
                parse(record, "quantity", violations, "a number", BigDecimal::new),
                parse(record, "unit_price", violations, "a number", BigDecimal::new),
                text(record, "currency"),
                parse(record, "transaction_timestamp", violations,
                        "an ISO-8601 timestamp such as 2024-01-01T10:00:00Z", Instant::parse),
                parse(record, "promotion", violations, "true or false", CsvRowReader::parseBoolean),
                parse(record, "channel", violations, "one of store, online, mobile, marketplace",
                        v -> SalesChannel.fromWire(v.toLowerCase(Locale.ROOT)).orElseThrow()));
        return violations.isEmpty() ? ParsedRow.valid(row, raw, line)
                : ParsedRow.invalid(row, raw, line, violations.stream().map(v -> v.atRow(row)).toList());
    }

    private static String text(CSVRecord record, String column) {
        if (!record.isMapped(column)) {
            return null;
        }
        String value = record.get(column);
        return value.isEmpty() ? null : value;
    }

    private static <T> T parse(CSVRecord record, String column, List<FieldViolation> violations, String expected,
                               ValueParser<T> parser) {
        String value = text(record, column);
        if (value == null) {
            return null;
        }
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            violations.add(FieldViolation.of(column, "wrong_type", "'" + value + "' is not " + expected));
            return null;
        }
    }

    private static Boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    @FunctionalInterface
    private interface ValueParser<T> {
        T parse(String value);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
