package io.stockflow.inventory.item;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * How a store's product is replenished. Optional terms fall back: ordering cost and lead time to the supplier's
 * (a learned lead time first), shortage cost to the lost margin (price − cost), max order to none.
 *
 * @param holdingCostRate  cost of holding one unit for a year, as a share of its unit cost (e.g. 0.25)
 * @param shortageCost     cost of one unit of demand not met from stock
 * @param targetFillRate   share of demand to meet from stock, in (0, 1)
 * @param unitVolume       space one unit takes, in the warehouse's capacity unit
 */
public record ItemTerms(String storeId, String productId,
                        @NotBlank @Size(max = 64) String supplierId,
                        @NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal unitCost,
                        @DecimalMin(value = "0", message = "must not be negative") BigDecimal unitPrice,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
                        String currency,
                        @DecimalMin(value = "0", message = "must not be negative") BigDecimal orderingCost,
                        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                        @DecimalMax(value = "10", message = "must be at most 10 (1000% a year)")
                        BigDecimal holdingCostRate,
                        @DecimalMin(value = "0", message = "must not be negative") BigDecimal shortageCost,
                        @DecimalMin(value = "0", message = "must not be negative") BigDecimal minOrderQuantity,
                        @DecimalMin(value = "0", inclusive = false, message = "must be positive") BigDecimal packSize,
                        @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                        BigDecimal maxOrderQuantity,
                        @DecimalMin(value = "0", inclusive = false, message = "must be positive") BigDecimal unitVolume,
                        @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                        BigDecimal leadTimeDays,
                        @DecimalMin(value = "0", message = "must not be negative") BigDecimal leadTimeSdDays,
                        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must lie strictly between 0 and 1")
                        @DecimalMax(value = "1", inclusive = false, message = "must lie strictly between 0 and 1")
                        BigDecimal targetFillRate) {

    /** With the path's ids and the defaults of the optional quantities filled in. */
    public ItemTerms normalised(String store, String product) {
        return new ItemTerms(store, product, supplierId, unitCost, unitPrice, currency, orderingCost,
                holdingCostRate, shortageCost, minOrderQuantity == null ? BigDecimal.ZERO : minOrderQuantity,
                packSize == null ? BigDecimal.ONE : packSize, maxOrderQuantity,
                unitVolume == null ? BigDecimal.ONE : unitVolume, leadTimeDays, leadTimeSdDays, targetFillRate);
    }

    /** Shortage cost per unit: as set, else the lost margin, else the unit cost. */
    public double effectiveShortageCost() {
        if (shortageCost != null) {
            return shortageCost.doubleValue();
        }
        if (unitPrice != null && unitPrice.compareTo(unitCost) > 0) {
            return unitPrice.subtract(unitCost).doubleValue();
        }
        return unitCost.doubleValue();
    }
}
