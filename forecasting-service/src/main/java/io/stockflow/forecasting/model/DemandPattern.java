package io.stockflow.forecasting.model;

/**
 * The four demand patterns of Syntetos, Boylan &amp; Croston (2005), each with the method that paper
 * recommends for it: Croston's for smooth demand, the Syntetos–Boylan approximation elsewhere.
 */
public enum DemandPattern {
    /** Frequent demand of steady size. */
    SMOOTH(CrostonForecaster.Variant.CROSTON),
    /** Frequent demand of varying size. */
    ERRATIC(CrostonForecaster.Variant.SBA),
    /** Infrequent demand of steady size. */
    INTERMITTENT(CrostonForecaster.Variant.SBA),
    /** Infrequent demand of varying size. */
    LUMPY(CrostonForecaster.Variant.SBA);

    private final CrostonForecaster.Variant recommendedMethod;

    DemandPattern(CrostonForecaster.Variant recommendedMethod) {
        this.recommendedMethod = recommendedMethod;
    }

    public CrostonForecaster.Variant recommendedMethod() {
        return recommendedMethod;
    }
}
