package io.stockflow.forecasting.model;

/**
 * What {@link DemandClassifier} found in a history.
 *
 * @param adi           average inter-demand interval in days; {@code +Infinity} when there was no demand
 * @param cv2           squared coefficient of variation of the non-zero demand sizes; 0 with fewer than two
 * @param demandDays    number of days with non-zero demand
 * @param pattern       the Syntetos–Boylan–Croston quadrant of ({@code adi}, {@code cv2})
 */
public record DemandClassification(double adi, double cv2, int demandDays, DemandPattern pattern) {

    public CrostonForecaster.Variant recommendedMethod() {
        return pattern.recommendedMethod();
    }
}
