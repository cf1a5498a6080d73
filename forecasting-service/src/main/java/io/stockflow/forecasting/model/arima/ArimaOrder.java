package io.stockflow.forecasting.model.arima;

/**
 * An ARIMA(p,d,q)(P,D,Q)[m] order; {@code period} 1 means no seasonal part.
 */
public record ArimaOrder(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period) {

    public ArimaOrder {
        if (Math.min(Math.min(p, d), Math.min(q, Math.min(seasonalP, Math.min(seasonalD, seasonalQ)))) < 0
                || period < 1) {
            throw new IllegalArgumentException("Orders must be >= 0 and the period >= 1");
        }
        if (period == 1 && seasonalP + seasonalD + seasonalQ > 0) {
            throw new IllegalArgumentException("A seasonal order needs a period above 1");
        }
    }

    public static ArimaOrder nonSeasonal(int p, int d, int q) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 1);
    }

    /** Observations lost to differencing. */
    int differencingLoss() {
        return d + seasonalD * period;
    }

    /** Observations the conditional sum of squares conditions on. */
    int conditioning() {
        return differencingLoss() + p + seasonalP * period;
    }

    int coefficients() {
        return p + q + seasonalP + seasonalQ;
    }

    @Override
    public String toString() {
        String nonSeasonal = "ARIMA(" + p + "," + d + "," + q + ")";
        return seasonalP + seasonalD + seasonalQ == 0 ? nonSeasonal
                : nonSeasonal + "(" + seasonalP + "," + seasonalD + "," + seasonalQ + ")[" + period + "]";
    }
}
