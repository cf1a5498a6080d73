package io.stockflow.forecasting.demand;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads daily history from CSV with a header row, in chunks. Columns: {@code store_id, product_id, date,
 * units_sold} and optionally {@code units_returned, promo_units, revenue}. Each bad row is reported with its
 * 1-based data row number and every field at fault; the reader goes on so that one pass lists them all.
 */
public class HistoryCsvReader implements Iterator<HistoryCsvReader.Chunk>, Closeable {

    static final List<String> REQUIRED = List.of("store_id", "product_id", "date", "units_sold");
    static final List<String> OPTIONAL = List.of("units_returned", "promo_units", "revenue");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
    private static final BigDecimal MAX_UNITS = new BigDecimal("1000000000");

    /** Days to write, and the faults found in the same rows. */
    public record Chunk(List<ImportedDay> days, List<FieldViolation> errors) {
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int chunkRows;
    private long row;

    /** @throws IllegalArgumentException when the header lacks a required column or names an unknown one */
    public HistoryCsvReader(InputStream csv, int chunkRows) {
        try {
            this.parser = CSVParser.builder()
                    .setReader(new InputStreamReader(csv, StandardCharsets.UTF_8)).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> header = parser.getHeaderMap();
        List<String> missing = REQUIRED.stream().filter(column -> !header.containsKey(column)).toList();
        List<String> unknown = header.keySet().stream()
                .filter(column -> !REQUIRED.contains(column) && !OPTIONAL.contains(column)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("The CSV header must name " + REQUIRED + " and may name " + OPTIONAL
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown "
                    + unknown));
        }
        this.records = parser.iterator();
        this.chunkRows = chunkRows;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<ImportedDay> days = new ArrayList<>(chunkRows);
        List<FieldViolation> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (records.hasNext() && days.size() + errors.size() < chunkRows) {
            CSVRecord record = records.next();
            row++;
            List<FieldViolation> faults = new ArrayList<>();
            String store = id(record, "store_id", faults);
            String product = id(record, "product_id", faults);
            LocalDate date = date(record, faults);
            BigDecimal sold = units(record, "units_sold", true, faults);
            BigDecimal returned = units(record, "units_returned", false, faults);
            BigDecimal promo = units(record, "promo_units", false, faults);
            BigDecimal revenue = decimal(record, "revenue", faults);
            if (faults.isEmpty() && !seen.add(store + '|' + product + '|' + date)) {
                faults.add(FieldViolation.of("date", "duplicate_day", "this store, product and date appear on an"
                        + " earlier row"));
            }
            if (faults.isEmpty() && promo.compareTo(sold) > 0) {
                faults.add(FieldViolation.of("promo_units", "exceeds_units_sold",
                        "promo_units cannot exceed units_sold"));
            }
            if (faults.isEmpty()) {
                days.add(new ImportedDay(store, product, date, sold, returned, promo, revenue));
            } else {
                faults.forEach(fault -> errors.add(fault.atRow(row)));
            }
        }
        return new Chunk(days, errors);
    }

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    private static String id(CSVRecord record, String column, List<FieldViolation> faults) {
        String id = value(record, column);
        if (id.isEmpty() || id.length() > 64 || !id.matches(PosTransaction.ID_PATTERN)) {
            faults.add(FieldViolation.of(column, "invalid_id", column + " must be 1–64 letters, digits, '.', '_',"
                    + " ':' or '-'"));
            return null;
        }
        return id;
    }

    private static LocalDate date(CSVRecord record, List<FieldViolation> faults) {
        try {
            return LocalDate.parse(value(record, "date"));
        } catch (DateTimeParseException e) {
            faults.add(FieldViolation.of("date", "invalid_date", "date must be an ISO date such as 2025-03-31"));
            return null;
        }
    }

    private static BigDecimal units(CSVRecord record, String column, boolean required, List<FieldViolation> faults) {
        String text = value(record, column);
        if (text.isEmpty() && !required) {
            return BigDecimal.ZERO;
        }
        BigDecimal units = parse(text);
        if (units == null || units.signum() < 0 || units.compareTo(MAX_UNITS) >= 0 || units.scale() > 3) {
            faults.add(FieldViolation.of(column, "invalid_units", column + " must be a number >= 0 with at most 3"
                    + " decimals"));
            return null;
        }
        return units;
    }

    private static BigDecimal decimal(CSVRecord record, String column, List<FieldViolation> faults) {
        String text = value(record, column);
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = parse(text);
        if (value == null || value.abs().compareTo(new BigDecimal("1e15")) >= 0 || value.scale() > 4) {
            faults.add(FieldViolation.of(column, "invalid_amount", column + " must be a number with at most 4"
                    + " decimals"));
            return null;
        }
        return value;
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
