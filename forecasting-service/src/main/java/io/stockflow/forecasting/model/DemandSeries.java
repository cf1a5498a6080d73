package io.stockflow.forecasting.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One daily demand series with its calendar and exogenous inputs, for models that use more than the demand values.
 *
 * @param start      the date of {@code demand[0]}; day {@code t} is {@code start + t}
 * @param demand     daily demand, oldest first (see {@link Forecaster#forecast(double[], int)})
 * @param regressors named daily inputs (promotion share, price, a holiday or event indicator, weather…), each
 *                   covering the history and the days to forecast: {@code values[t]} is day {@code start + t}, so an
 *                   array of length {@code demand.length + h} allows a horizon of up to {@code h} days
 */
public record DemandSeries(LocalDate start, double[] demand, Map<String, double[]> regressors) {

    public DemandSeries {
        Objects.requireNonNull(start, "start");
        DemandHistory.requireValid(demand);
        demand = demand.clone();
        TreeMap<String, double[]> copy = new TreeMap<>();
        for (Map.Entry<String, double[]> regressor : regressors.entrySet()) {
            double[] values = regressor.getValue();
            if (values.length < demand.length) {
                throw new IllegalArgumentException("Regressor " + regressor.getKey() + " covers " + values.length
                        + " days, the history alone has " + demand.length);
            }
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("Regressor " + regressor.getKey() + " must be finite");
                }
            }
            copy.put(regressor.getKey(), values.clone());
        }
        regressors = Collections.unmodifiableMap(copy);
    }

    /** A series with no exogenous inputs. */
    public static DemandSeries of(LocalDate start, double[] demand) {
        return new DemandSeries(start, demand, Map.of());
    }

    public int length() {
        return demand.length;
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] demand() {
        return demand.clone();
    }

    /** The regressors that cover the history and {@code horizon} more days: the only ones usable for it. */
    public Map<String, double[]> regressorsCovering(int horizon) {
        TreeMap<String, double[]> usable = new TreeMap<>();
        regressors.forEach((name, values) -> {
            if (values.length >= demand.length + horizon) {
                usable.put(name, values.clone());
            }
        });
        return usable;
    }

    /** The first {@code days} days, regressors included in full (a backtest hides the rest of the demand). */
    public DemandSeries truncate(int days) {
        if (days < 1 || days > demand.length) {
            throw new IllegalArgumentException("Cannot keep " + days + " of " + demand.length + " days");
        }
        return new DemandSeries(start, Arrays.copyOf(demand, days), regressors);
    }

    /** SHA-256 of the start date, the demand and every regressor: equal for equal series, in any JVM. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(8);
            digest.update(start.toString().getBytes(StandardCharsets.UTF_8));
            for (double value : demand) {
                digest.update(buffer.clear().putDouble(value).array());
            }
            for (Map.Entry<String, double[]> regressor : regressors.entrySet()) {
                digest.update(regressor.getKey().getBytes(StandardCharsets.UTF_8));
                for (double value : regressor.getValue()) {
                    digest.update(buffer.clear().putDouble(value).array());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DemandSeries that) || !start.equals(that.start)
                || !Arrays.equals(demand, that.demand)
                || !regressors.keySet().equals(that.regressors.keySet())) {
            return false;
        }
        return regressors.entrySet().stream()
                .allMatch(entry -> Arrays.equals(entry.getValue(), that.regressors.get(entry.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, Arrays.hashCode(demand), regressors.keySet());
    }

    @Override
    public String toString() {
        return "DemandSeries[start=" + start + ", days=" + demand.length + ", regressors=" + regressors.keySet() + "]";
    }
}
