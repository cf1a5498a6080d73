package io.stockflow.forecasting.tools;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.synthetic.SyntheticPosConfig;
import io.stockflow.common.synthetic.SyntheticPosGenerator;
import io.stockflow.common.synthetic.SyntheticSku;
import io.stockflow.forecasting.model.DemandSeries;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Named daily series for batch forecasting and benchmarks: from a long-format CSV, or from the synthetic generator. */
public final class SeriesPanel {

    /** One series of the panel. */
    public record Entry(String id, DemandSeries series) {
    }

    private SeriesPanel() {
    }

    /**
     * Long format: {@code series_id, date, quantity}, then any number of regressor columns. Missing days of a series
     * count zero demand; rows after a series' last quantity with regressor values only (quantity empty) carry the
     * regressors over the days to forecast.
     *
     * @throws IllegalArgumentException naming the row of a malformed value
     */
    public static List<Entry> fromCsv(Reader csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        Map<String, TreeMap<LocalDate, Double>> demand = new LinkedHashMap<>();
        Map<String, Map<String, TreeMap<LocalDate, Double>>> regressors = new HashMap<>();
        try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.size() < 3 || !header.subList(0, 3).equals(List.of("series_id", "date", "quantity"))) {
                throw new IllegalArgumentException("The header must start with series_id,date,quantity; got " + header);
            }
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber();
                String id = record.get(0);
                LocalDate date = parseDate(record.get(1), row);
                String quantity = record.get(2);
                if (!quantity.isEmpty()) {
                    double value = parseNumber(quantity, "quantity", row);
                    if (value < 0) {
                        throw new IllegalArgumentException("Row " + row + ": quantity must be >= 0");
                    }
                    demand.computeIfAbsent(id, key -> new TreeMap<>()).merge(date, value, Double::sum);
                }
                for (int column = 3; column < header.size() && column < record.size(); column++) {
                    if (!record.get(column).isEmpty()) {
                        regressors.computeIfAbsent(id, key -> new HashMap<>())
                                .computeIfAbsent(header.get(column), key -> new TreeMap<>())
                                .put(date, parseNumber(record.get(column), header.get(column), row));
                    }
                }
            }
        }
        List<Entry> entries = new ArrayList<>(demand.size());
        demand.forEach((id, days) -> {
            LocalDate start = days.firstKey();
            double[] values = new double[(int) ChronoUnit.DAYS.between(start, days.lastKey()) + 1];
            days.forEach((date, value) -> values[(int) ChronoUnit.DAYS.between(start, date)] = value);
            Map<String, double[]> named = new TreeMap<>();
            regressors.getOrDefault(id, Map.of()).forEach((name, byDate) -> {
                int length = Math.max(values.length, (int) ChronoUnit.DAYS.between(start, byDate.lastKey()) + 1);
                double[] series = new double[length];
                byDate.forEach((date, value) -> {
                    if (!date.isBefore(start)) {
                        series[(int) ChronoUnit.DAYS.between(start, date)] = value;
                    }
                });
                named.put(name, series);
            });
            entries.add(new Entry(id, new DemandSeries(start, values, named)));
        });
        return entries;
    }

    /**
     * Units sold per day of every SKU × store of the synthetic generator, with its promotion share as the
     * {@code promotion} regressor (the generator's promotion calendar, known ahead as a planned one would be).
     */
    public static List<Entry> synthetic(SyntheticPosConfig config) {
        SyntheticPosGenerator generator = new SyntheticPosGenerator(config);
        List<String> stores = generator.storeIds();
        List<SyntheticSku> skus = generator.skus();
        Map<String, Integer> storeIndex = new HashMap<>();
        Map<String, Integer> skuIndex = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) {
            storeIndex.put(stores.get(i), i);
        }
        for (int i = 0; i < skus.size(); i++) {
            skuIndex.put(skus.get(i).productId(), i);
        }
        double[][][] sold = new double[stores.size()][skus.size()][config.days()];
        generator.lines().forEach((PosTransaction line) -> {
            if (line.quantity().signum() > 0) {
                int day = (int) ChronoUnit.DAYS.between(config.startDate(),
                        LocalDate.ofInstant(line.transactionTimestamp(), ZoneOffset.UTC));
                if (day >= 0 && day < config.days()) {
                    sold[storeIndex.get(line.storeId())][skuIndex.get(line.productId())][day] +=
                            line.quantity().doubleValue();
                }
            }
        });
        List<Entry> entries = new ArrayList<>();
        for (int sku = 0; sku < skus.size(); sku++) {
            String product = skus.get(sku).productId();
            double[] promotion = new double[config.days()];
            for (int day = 0; day < config.days(); day++) {
                promotion[day] = generator.promotion(product, config.startDate().plusDays(day)).isPresent() ? 1 : 0;
            }
            Map<String, double[]> regressors = new TreeMap<>();
            if (Arrays.stream(promotion).anyMatch(value -> value > 0)) {
                regressors.put("promotion", promotion);
            }
            for (int store = 0; store < stores.size(); store++) {
                entries.add(new Entry(stores.get(store) + "|" + product,
                        new DemandSeries(config.startDate(), sold[store][sku], regressors)));
            }
        }
        return entries;
    }

    private static LocalDate parseDate(String text, long row) {
        try {
            return LocalDate.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Row " + row + ": date must be an ISO date, got '" + text + "'");
        }
    }

    private static double parseNumber(String text, String column, long row) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Row " + row + ": " + column + " must be a number, got '" + text + "'");
        }
    }
}
