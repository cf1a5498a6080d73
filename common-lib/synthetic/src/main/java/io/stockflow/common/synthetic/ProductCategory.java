package io.stockflow.common.synthetic;

/**
 * Category of a synthetic SKU: sets its price level, how seasonal it is, and whether it comes in variants.
 * Seasonal amplitudes are relative to the yearly mean: 0.6 means a peak 60 % above it and a trough 60 % below.
 */
public enum ProductCategory {
    GROCERY(3, 0.05, 1, 0, false, 28),
    BEVERAGES(2.5, 0.35, 196, 0, false, 12),
    HOUSEHOLD(6, 0.08, 80, 0.25, false, 15),
    PERSONAL_CARE(7, 0.05, 1, 0.15, false, 10),
    APPAREL(30, 0.3, 300, 0.9, true, 14),
    GARDEN(18, 0.6, 135, 0.2, false, 7),
    TOYS(20, 0.5, 350, 0.3, false, 8),
    ELECTRONICS(60, 0.3, 335, 0.3, false, 6);

    private final double medianPrice;
    private final double seasonalAmplitude;
    private final int peakDayOfYear;
    private final double variantShare;
    private final boolean sized;
    private final int catalogueShare;

    ProductCategory(double medianPrice, double seasonalAmplitude, int peakDayOfYear, double variantShare,
                    boolean sized, int catalogueShare) {
        this.medianPrice = medianPrice;
        this.seasonalAmplitude = seasonalAmplitude;
        this.peakDayOfYear = peakDayOfYear;
        this.variantShare = variantShare;
        this.sized = sized;
        this.catalogueShare = catalogueShare;
    }

    /** Median shelf price; prices are log-normal around it. */
    public double medianPrice() {
        return medianPrice;
    }

    /** Typical amplitude of the yearly cycle; each SKU varies around it. */
    public double seasonalAmplitude() {
        return seasonalAmplitude;
    }

    /** Day of the year (1-366) when demand typically peaks. */
    public int peakDayOfYear() {
        return peakDayOfYear;
    }

    /** Share of the category's SKUs that come in colours (and sizes, when {@link #sized()}). */
    public double variantShare() {
        return variantShare;
    }

    /** Whether its variants come in sizes as well as colours. */
    public boolean sized() {
        return sized;
    }

    /** Percentage of the catalogue in this category. */
    public int catalogueShare() {
        return catalogueShare;
    }
}
