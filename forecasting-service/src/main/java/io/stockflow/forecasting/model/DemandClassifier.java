package io.stockflow.forecasting.model;

/**
 * Syntetos, Boylan &amp; Croston (2005) categorisation of a daily demand history.
 *
 * <p>Conventions, those of R tsintermittent's {@code idclass(type = "SBC")}: the intervals are the
 * first demand's 1-based day followed by the gaps between successive demand days, and ADI is their
 * mean; CV² uses the sample standard deviation (n − 1) of the non-zero sizes. A value equal to a
 * cut-off counts as low (SBA is chosen only when ADI &gt; 1.32 or CV² &gt; 0.49).
 *
 * <p>Edge cases: a single demand has no observed size variability, so CV² = 0. A history without
 * demand has ADI = +∞ (the next demand lies beyond the history) and CV² = 0, hence INTERMITTENT, whose
 * recommended SBA forecasts 0 for it.
 */
public final class DemandClassifier {

    public static final double ADI_CUT_OFF = 1.32;
    public static final double CV2_CUT_OFF = 0.49;

    private DemandClassifier() {
    }

    public static DemandClassification classify(double[] history) {
        DemandHistory.requireValid(history);
        int demandDays = 0;
        int lastDemandDay = 0;
        double sum = 0;
        for (int day = 0; day < history.length; day++) {
            if (history[day] > 0) {
                demandDays++;
                lastDemandDay = day + 1;
                sum += history[day];
            }
        }
        if (demandDays == 0) {
            return new DemandClassification(Double.POSITIVE_INFINITY, 0, 0, DemandPattern.INTERMITTENT);
        }
        // The intervals telescope: their sum is the last demand's 1-based day.
        double adi = (double) lastDemandDay / demandDays;
        double meanSize = sum / demandDays;
        double cv2 = demandDays == 1 ? 0 : sampleVarianceOfDemands(history, meanSize, demandDays) / (meanSize * meanSize);
        return new DemandClassification(adi, cv2, demandDays, patternOf(adi, cv2));
    }

    private static double sampleVarianceOfDemands(double[] history, double mean, int demandDays) {
        double squares = 0;
        for (double demand : history) {
            if (demand > 0) {
                squares += (demand - mean) * (demand - mean);
            }
        }
        return squares / (demandDays - 1);
    }

    private static DemandPattern patternOf(double adi, double cv2) {
        boolean infrequent = adi > ADI_CUT_OFF;
        boolean variable = cv2 > CV2_CUT_OFF;
        if (infrequent) {
            return variable ? DemandPattern.LUMPY : DemandPattern.INTERMITTENT;
        }
        return variable ? DemandPattern.ERRATIC : DemandPattern.SMOOTH;
    }
}
